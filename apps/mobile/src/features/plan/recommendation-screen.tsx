import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function RecommendationScreen() {
  return (
    <Screen>
      <Text variant="title">Recommendation</Text>
    </Screen>
  );
}
