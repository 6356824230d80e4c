/**
 * The model layer, by job: settings (what the environment asked for), providers (one LangChain
 * model per provider), resilience (errors, retries, timeouts), usage, and the gateway that every
 * other part of the AI core calls.
 */
export * from './models/gateway.ts';
export * from './models/providers.ts';
export * from './models/resilience.ts';
export * from './models/settings.ts';
export * from './models/usage.ts';
