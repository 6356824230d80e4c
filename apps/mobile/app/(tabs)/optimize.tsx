export { OptimizeScreen as default } from '../../src/features/optimize/optimize-screen';
