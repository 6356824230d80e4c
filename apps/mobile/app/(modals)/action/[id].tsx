export { ActionScreen as default } from '../../../src/features/execute/action-screen';
