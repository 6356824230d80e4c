import { AnalyzerError } from '../errors.ts';

/**
 * The work's result, or RENDER_FAILED with `message` once `ms` have passed. The work is not
 * cancelled (a browser call cannot be): callers release what it holds on their own.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AnalyzerError('RENDER_FAILED', message)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** "2 s", "1.5 s". */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
