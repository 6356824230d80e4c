export { ResetPasswordScreen as default } from '../src/features/auth/reset-password-screen';
