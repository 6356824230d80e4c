export { RecommendationScreen as default } from '../../../src/features/plan/recommendation-screen';
