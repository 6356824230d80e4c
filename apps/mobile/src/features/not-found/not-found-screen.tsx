import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function NotFoundScreen() {
  return (
    <Screen>
      <Text variant="title">Page not found</Text>
    </Screen>
  );
}
