export { PlanScreen as default } from '../../src/features/plan/plan-screen';
