import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function HomeScreen() {
  return (
    <Screen>
      <Text variant="title">Home</Text>
    </Screen>
  );
}
