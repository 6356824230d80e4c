import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function PlanScreen() {
  return (
    <Screen>
      <Text variant="title">Plan</Text>
    </Screen>
  );
}
