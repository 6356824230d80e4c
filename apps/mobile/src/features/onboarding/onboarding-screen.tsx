import { Screen, Text } from '../../ui';

// Scaffold only: replaced by the real screen before this branch merges.
export function OnboardingScreen() {
  return (
    <Screen>
      <Text variant="title">Welcome</Text>
    </Screen>
  );
}
