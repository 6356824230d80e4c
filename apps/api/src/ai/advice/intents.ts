/** Which of the advisor's questions a message asks, read with rules (no model). */
import type { ScoreCategory } from './facts.ts';

export type AdviceIntent =
  | { kind: 'first_steps' }
  | { kind: 'fixes_worked' }
  | { kind: 'score_why'; category: ScoreCategory | 'overall' | null; stated: number | null }
  | { kind: 'goal'; goal: string };

const FIXES_WORKED = [
  /\b(?:did|have|has|are|is|were)\b[^?]*\b(?:fix(?:es|ed)?|changes?|actions?|tasks?|work)\b[^?]*\b(?:work(?:ed|ing)?|help(?:ed|ing)?|pa(?:y|id) off|improv\w*|ma(?:k|d)e a difference)\b/i,
  /\bwhat (?:has |have )?(?:improved|changed|got better)\b/i,
  /\b(?:any|my|our) progress\b|\bverified\b|\bbefore and after\b/i,
];

const SCORE_WHY = [
  /\bwhy\b[^?]*\b(?:score[sd]?|rating|grade)\b/i,
  /\bwhy\b[^?]*\b(?:so )?(?:low|bad|poor)\b/i,
  /\bwhat(?:'s| is)\s+(?:dragging|pulling|holding|keeping)\b[^?]*\b(?:score|rating|down|back)\b/i,
  /\bhow (?:do|can|could|should) (?:i|we) (?:raise|improve|increase|boost|fix|lift)\b[^?]*\bscore\b/i,
];

const FIRST_STEPS = [
  /\bwhat (?:should|do|can|must) (?:i|we) (?:do|fix|tackle|work on|focus on)(?: first| next| now)?\b/i,
  /\bwhere (?:should|do|can) (?:i|we) (?:start|begin)\b/i,
  /\bwhat(?:'s| is| are) (?:the |my |our )?(?:most important|first|top priorit\w*|next steps?|priorit\w*)\b/i,
  /\b(?:top|first|next) (?:steps?|priorit\w*|things?)\b/i,
];

const GOAL = [
  /\bhow (?:do|can|could|should|would|might) (?:i|we)\s+(?:get|win|attract|bring in|increase|grow|boost|find|land|generate|sell|drive|book)\s+(.+)$/i,
  /\b(?:ways?|tips?|ideas?|help(?: me)?) to\s+(?:get|win|attract|bring in|increase|grow|boost|find|land|generate|sell|drive)\s+(.+)$/i,
  /\bhow to\s+(?:get|win|attract|bring in|increase|grow|boost|find|land|generate|sell|drive)\s+(.+)$/i,
];

const CATEGORY_WORDS: Array<[RegExp, ScoreCategory | 'overall']> = [
  [/\bseo\b|\bsearch\b|\bgoogle\b/i, 'seo'],
  [/\bcontent\b/i, 'content'],
  [/\bperformance\b|\bspeed\b|\bslow\b|\bfast\b/i, 'performance'],
  [/\bsocial\b/i, 'social'],
  [/\btechnical\b|\btech\b/i, 'technical'],
  [/\boverall\b|\btotal\b/i, 'overall'],
];

function categoryIn(text: string): ScoreCategory | 'overall' | null {
  for (const [re, category] of CATEGORY_WORDS) if (re.test(text)) return category;
  return null;
}

/** The advisor's question in `message`, or null when it asks none of them. */
export function readIntent(message: string): AdviceIntent | null {
  const text = message.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  if (FIXES_WORKED.some((re) => re.test(text))) return { kind: 'fixes_worked' };
  if (SCORE_WHY.some((re) => re.test(text))) {
    const n = /\b(\d{1,3})\b/.exec(text)?.[1];
    const stated = n !== undefined && Number(n) <= 100 ? Number(n) : null;
    return { kind: 'score_why', category: categoryIn(text), stated };
  }
  for (const re of GOAL) {
    const goal = re
      .exec(text)?.[1]
      ?.replace(/[?.!\s]+$/, '')
      .trim();
    // "how do I get a better score" is about a score, handled above or by the score topic.
    if (goal && !/\bscores?\b|\branking\b/i.test(goal)) return { kind: 'goal', goal };
  }
  if (FIRST_STEPS.some((re) => re.test(text))) return { kind: 'first_steps' };
  return null;
}

const STOP_WORDS = new Set(
  (
    'a an the my our your more most some any get getting win attract bring in increase grow boost ' +
    'find land generate sell drive book of for to and or with from on at by online new customers ' +
    'customer people lot lots many much me us i we it them this that these those please'
  ).split(' '),
);

/** Crude stem: "bookings" and "booking" and "booked" meet at "book". */
function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(?:ings?|ed|s)$/, '')
    .replace(/(.)\1$/, '$1');
}

/** The words of a goal that say what it is about ("more catering bookings" -> catering, book). */
export function keywordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 2 && !STOP_WORDS.has(w)).map(stem))];
}

/** How many of `keywords` the text mentions (URL paths count: /catering/ mentions catering). */
export function mentions(text: string, keywords: readonly string[]): number {
  const words = new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
  return keywords.filter((k) => words.has(k)).length;
}
