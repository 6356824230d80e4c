import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function ExecuteScreen() {
  return (
    <Screen>
      <Text variant="title">Execute</Text>
    </Screen>
  );
}
