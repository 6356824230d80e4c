import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function ActionScreen() {
  return (
    <Screen>
      <Text variant="title">Action</Text>
    </Screen>
  );
}
