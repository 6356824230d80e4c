export * from './errors.ts';
export * from './strategy.ts';
