export { OnboardingScreen as default } from '../src/features/onboarding/onboarding-screen';
