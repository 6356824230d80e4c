export { ForgotPasswordScreen as default } from '../../src/features/auth/forgot-password-screen';
