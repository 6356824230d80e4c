import { Stack } from 'expo-router';
import { Providers } from '../src/app-shell/providers';
import { useAuth } from '../src/stores/auth-store';
import { usePreferences } from '../src/stores/preferences-store';

function RootStack() {
  const signedIn = useAuth((s) => s.status === 'signedIn');
  const onboarded = usePreferences((s) => s.onboardingDone);
  return (
    <Stack screenOptions={{ headerShown: false }}>
      <Stack.Protected guard={!signedIn}>
        <Stack.Screen name="(auth)" />
      </Stack.Protected>
      <Stack.Protected guard={signedIn && !onboarded}>
        <Stack.Screen name="onboarding" />
      </Stack.Protected>
      <Stack.Protected guard={signedIn}>
        <Stack.Screen name="(tabs)" />
        <Stack.Screen name="(modals)" options={{ presentation: 'modal' }} />
      </Stack.Protected>
      <Stack.Screen name="reset-password" />
      <Stack.Screen name="index" />
    </Stack>
  );
}

export default function RootLayout() {
  return (
    <Providers>
      <RootStack />
    </Providers>
  );
}
