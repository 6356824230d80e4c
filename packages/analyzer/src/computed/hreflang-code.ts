import { LANGUAGE_CODES, REGION_CODES, SCRIPT_CODES } from '../lists/language-codes.ts';

// language[-script][-region], the form search engines read in hreflang.
const SHAPE = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}))?$/i;

/**
 * Why an hreflang value is not a valid code, or null when it is: `x-default`, or an ISO 639
 * language with an optional ISO 15924 script and ISO 3166-1 alpha-2 region. Nothing is trimmed.
 */
export function hreflangProblem(code: string): string | null {
  if (code.toLowerCase() === 'x-default') return null;
  const m = SHAPE.exec(code);
  if (!m) return 'not language[-script][-region]';
  const [, language = '', script, region] = m;
  if (!LANGUAGE_CODES.has(language.toLowerCase())) return `unknown language "${language}"`;
  if (script && !SCRIPT_CODES.has(script.toLowerCase())) return `unknown script "${script}"`;
  if (region && !REGION_CODES.has(region.toLowerCase())) return `unknown region "${region}"`;
  return null;
}
