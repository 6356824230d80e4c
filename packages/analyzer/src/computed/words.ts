import type { PageArtifacts } from '../artifacts/types.ts';
import { memoize } from './memoize.ts';

/** Words of visible body text. Letters or digits in any script count as a word. */
export const wordCount = memoize((page: PageArtifacts): number => {
  const words = page.bodyText.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
});
