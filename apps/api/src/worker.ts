import { boot } from './boot.ts';

/** Runs analysis jobs without serving HTTP (`npm run worker -w apps/api`). */
await boot('worker');
