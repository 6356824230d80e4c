import type { ProgressResponse, Ring, RingState } from '@quento/contracts';
import { hasValue, normalizeProfile, REQUIRED_PROFILE_FIELDS } from '../../ai/profile.ts';
import type { ProgressFacts, ProgressRepository } from './progress.repository.ts';

// First rules for the five rings, from what exists now. Later issues refine each rule here.

// Ring 1 is complete when the profile holds the fields the advisor requires (competitors are
// asked for but optional: the analyst agent can suggest them). Same rule as the chat's.
const CORE_FIELDS = REQUIRED_PROFILE_FIELDS;

function state(progress: number): RingState {
  if (progress >= 1) return 'completed';
  return progress > 0 ? 'in_progress' : 'not_started';
}

export function computeRings(f: ProgressFacts): Ring[] {
  const p = f.profile;
  const filled = p
    ? CORE_FIELDS.filter((f) => hasValue(normalizeProfile({ ...p, website_url: p.websiteUrl }), f))
        .length
    : 0;
  const core = filled / CORE_FIELDS.length;
  const discover = f.analysesCompleted > 0 ? 1 : f.analysesRunning > 0 ? 0.5 : 0;
  const plan = f.strategies > 0 ? 1 : 0;
  const execute = f.actionItems > 0 ? f.actionItemsDone / f.actionItems : 0;
  const optimize = f.analysesCompared > 0 ? 1 : f.analysesCompleted > 1 ? 0.5 : 0;
  const ring = (
    key: Ring['key'],
    n: number,
    title: string,
    progress: number,
    detail: string,
  ): Ring => ({
    key,
    ring: n,
    title,
    state: state(progress),
    progress: Math.round(progress * 100) / 100,
    detail,
  });
  return [
    ring('core', 1, 'Core', core, `${filled} of ${CORE_FIELDS.length} profile fields filled`),
    ring(
      'discover',
      2,
      'Discover',
      discover,
      f.analysesCompleted > 0
        ? `${f.analysesCompleted} analysis completed`
        : f.analysesRunning > 0
          ? 'analysis running'
          : 'no analysis yet',
    ),
    ring(
      'plan',
      3,
      'Plan',
      plan,
      f.strategies > 0 ? `${f.strategies} strategy` : 'no strategy yet',
    ),
    ring(
      'execute',
      4,
      'Execute',
      execute,
      `${f.actionItemsDone} of ${f.actionItems} action items done`,
    ),
    ring(
      'optimize',
      5,
      'Optimize',
      optimize,
      f.analysesCompared > 0 ? 're-analysis compared' : 'no re-analysis compared yet',
    ),
  ];
}

/** A user deleted while the request ran: nothing built, nothing to store. */
const NO_FACTS: ProgressFacts = {
  storedRing: 1,
  profile: undefined,
  analysesCompleted: 0,
  analysesRunning: 0,
  analysesCompared: 0,
  strategies: 0,
  actionItems: 0,
  actionItemsDone: 0,
};

export class ProgressService {
  constructor(private readonly progress: ProgressRepository) {}

  /**
   * The rings from the data; users.current_ring is brought in line as a side effect, written
   * only when the ring moved.
   */
  async forUser(userId: string): Promise<ProgressResponse> {
    const facts = (await this.progress.facts(userId)) ?? NO_FACTS;
    const rings = computeRings(facts);
    const firstOpen = rings.find((r) => r.state !== 'completed');
    const current = firstOpen?.ring ?? 5;
    if (current !== facts.storedRing) await this.progress.setCurrentRing(userId, current);
    return { current_ring: current, rings };
  }

  /** Call after anything that can move a ring (profile, analysis, strategy, actions). */
  async sync(userId: string): Promise<void> {
    await this.forUser(userId);
  }
}
