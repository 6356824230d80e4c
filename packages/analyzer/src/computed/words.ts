import type { PageArtifacts } from '../artifacts/types.ts';
import { memoize } from './memoize.ts';

/** Words in a text. Letters or digits in any script count as a word. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** Words of visible body text. */
export const wordCount = memoize((page: PageArtifacts): number => countWords(page.bodyText));
