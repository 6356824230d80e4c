import { boot } from './boot.ts';

/** Starts the API: validate config, migrate, listen, print where the app and the docs are. */
await boot('api');
