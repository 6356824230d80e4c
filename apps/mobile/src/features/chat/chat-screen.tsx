import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function ChatScreen() {
  return (
    <Screen>
      <Text variant="title">Chat</Text>
    </Screen>
  );
}
