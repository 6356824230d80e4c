export { LoginScreen as default } from '../../src/features/auth/login-screen';
