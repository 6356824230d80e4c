export { ExecuteScreen as default } from '../../src/features/execute/execute-screen';
