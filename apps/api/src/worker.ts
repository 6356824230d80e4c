import { boot } from './boot.ts';

/** Runs analysis jobs and chat follow-ups without serving HTTP (`npm run worker -w apps/api`). */
await boot('worker');
