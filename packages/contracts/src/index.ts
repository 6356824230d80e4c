export * from './analysis.ts';
export * from './auth.ts';
export * from './chat.ts';
export * from './content-assessment.ts';
export * from './errors.ts';
export * from './evidence-words.ts';
export * from './files.ts';
export * from './findings.ts';
export * from './plan-words.ts';
export * from './profile.ts';
export * from './report.ts';
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
