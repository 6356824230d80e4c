export { DiscoverScreen as default } from '../../src/features/discover/discover-screen';
