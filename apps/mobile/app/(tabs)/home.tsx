export { HomeScreen as default } from '../../src/features/home/home-screen';
