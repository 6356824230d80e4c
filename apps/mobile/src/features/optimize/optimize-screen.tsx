import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function OptimizeScreen() {
  return (
    <Screen>
      <Text variant="title">Optimize</Text>
    </Screen>
  );
}
