export * from './analysis.ts';
export * from './auth.ts';
export * from './chat.ts';
export * from './errors.ts';
export * from './evidence-words.ts';
export * from './plan-words.ts';
export * from './profile.ts';
export * from './strategy.ts';
export * from './strings.ts';
export * from './users.ts';
export {
  capital,
  describeRecord,
  formatValue,
  humanize,
  pathOf,
  plainText,
  shortenAtWord,
} from './words.ts';
