// The app speaks English: zod's other 40-odd locales (about 270 kB) stay out of the bundle.
// metro.config.js points zod's locale index here; zod itself imports `en` directly for its default.
export { default as en } from 'zod/v4/locales/en.js';
