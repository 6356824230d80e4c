export { NotFoundScreen as default } from '../src/features/not-found/not-found-screen';
