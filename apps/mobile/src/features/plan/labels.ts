import type { Quadrant } from '@quento/contracts';

// The words every screen and export shares live in contracts; screens import them from here.
export {
  categoryWords,
  EFFORT_WORDS,
  IMPACT_WORDS,
  levelsLine,
  PRIORITY_WORDS,
} from '@quento/contracts';

export const QUADRANTS: Record<Quadrant, { name: string; meaning: string }> = {
  quick_wins: { name: 'Quick wins', meaning: 'Big impact for little effort: start here.' },
  major_projects: {
    name: 'Major projects',
    meaning: 'Big impact, but they take real work: plan them in.',
  },
  fill_ins: { name: 'Fill-ins', meaning: 'Small gains for little effort: do them when you can.' },
  thankless_tasks: {
    name: 'Thankless tasks',
    meaning: 'A lot of work for a small gain: leave them for last.',
  },
};
