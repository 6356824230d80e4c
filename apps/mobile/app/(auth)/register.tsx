export { RegisterScreen as default } from '../../src/features/auth/register-screen';
