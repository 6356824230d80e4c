/**
 * Corrections in the guided interview: "sorry, I meant Harbor Bakery" replaces what the last
 * answer filled (or the field the correction names) instead of being read as the next answer.
 */
import type { ProfileField } from '../profile.ts';
import { extractUrls, type UrlOptions } from './urls.ts';

export interface Correction {
  /** The field to replace: named in the message, or the one the last answer filled. */
  field: ProfileField;
  /** The corrected answer, as typed. */
  text: string;
}

/** "I meant", "make that", "it should be", "correction:" and the like, then the right answer. */
const CORRECTION =
  /^(?:(?:sorry|oops|whoops|apologies|my (?:mistake|bad)|no|actually|wait)\b[\s,.!:;-]*)*(?:(?:i|we)\s+meant(?:\s+to\s+say)?|i\s+mean|make\s+(?:that|it)|(?:it|that|this)\s+should\s+(?:be|say|read|have\s+been)|should\s+have\s+said|correction)\b[\s,.:;-]*(.+)$/i;

const NAMED: Array<[RegExp, ProfileField]> = [
  [/^(?:the |our |my )?(?:business |company )?name\s+(?:is\s+)?/i, 'name'],
  [/^(?:the |our |my )?(?:web\s*site|site|url|address)\s+(?:is\s+)?/i, 'website_url'],
  [/^(?:the |our |my )?competitors?\s+(?:is\s+|are\s+)?/i, 'competitors'],
  [/^(?:the |our |my )?(?:customers|clients|audience)\s+(?:is\s+|are\s+)?/i, 'audience'],
  [/^(?:the |our |my )?goals?\s+(?:is\s+|are\s+)?/i, 'goals'],
  [/^we\s+(?:sell|offer|make)\s+/i, 'offering'],
];

/** The correction in `message`, or null when it is none (or nothing says what it corrects). */
export function readCorrection(
  message: string,
  lastLearned: readonly ProfileField[],
  options: UrlOptions = {},
): Correction | null {
  const m = CORRECTION.exec(message.trim());
  let text = m?.[1]
    ?.trim()
    .replace(/^["“'‘]|["”'’.!]+$/g, '')
    .trim();
  if (!text) return null;
  for (const [re, field] of NAMED) {
    if (re.test(text)) return { field, text: text.replace(re, '').trim() };
  }
  const last = lastLearned.at(-1);
  // A web address corrects the website, unless the last answer was the competitors.
  if (extractUrls(text, options).length > 0)
    return { field: last === 'competitors' ? 'competitors' : 'website_url', text };
  if (!last) return null;
  text = text.replace(/^(?:it'?s|it\s+is|we'?re|we\s+are|called)\s+/i, '');
  return { field: last, text };
}
