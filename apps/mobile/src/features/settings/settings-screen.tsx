import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function SettingsScreen() {
  return (
    <Screen>
      <Text variant="title">Settings</Text>
    </Screen>
  );
}
