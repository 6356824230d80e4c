import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function DiscoverScreen() {
  return (
    <Screen>
      <Text variant="title">Discover</Text>
    </Screen>
  );
}
