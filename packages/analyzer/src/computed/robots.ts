import robotsParserModule from 'robots-parser';
import type { TextResource } from '../artifacts/types.ts';
import { memoize } from './memoize.ts';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getSitemaps(): string[];
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS with a hand-written `declare module`; under NodeNext its default
// import is typed loosely, so it is narrowed to the function it is.
const robotsParser = robotsParserModule as unknown as (url: string, txt: string) => Robot;

/** Parsed robots.txt, or null when there is none (4xx or unreachable: everything is allowed). */
export const parsedRobots = memoize((res: TextResource): Robot | null => {
  if (res.status < 200 || res.status >= 300 || res.body === null) return null;
  return robotsParser(res.url, res.body);
});

/** The product token crawlers match against `User-agent:` lines. */
export function productToken(userAgent: string): string {
  return userAgent.split(/[/\s]/)[0] ?? userAgent;
}
