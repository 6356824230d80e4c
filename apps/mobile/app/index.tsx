import { Redirect } from 'expo-router';
import { useAuth } from '../src/stores/auth-store';
import { usePreferences } from '../src/stores/preferences-store';

/** The entry: sign in first, then onboarding once, then Home. */
export default function Index() {
  const signedIn = useAuth((s) => s.status === 'signedIn');
  const onboarded = usePreferences((s) => s.onboardingDone);
  if (!signedIn) return <Redirect href="/login" />;
  return <Redirect href={onboarded ? '/home' : '/onboarding'} />;
}
