export { AnalysisDetailScreen as default } from '../../../src/features/discover/analysis-detail-screen';
