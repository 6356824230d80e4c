import { DailyTokenCapError, type ModelGateway } from '../../ai/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { UsageRepository } from './usage.repository.ts';

/**
 * One place for what model calls cost each user: every caller (chat turns and their follow-ups,
 * the analyst agent, strategy tailoring) checks the daily cap (DAILY_TOKEN_CAP) here before a
 * call and records the tokens here after it. A chat reply is stored with its tokens in one
 * statement on the hot path (ChatRepository.addReply); everything else records through here.
 */
export class UsageService {
  constructor(
    private readonly repo: UsageRepository,
    private readonly gateway: ModelGateway | null,
  ) {}

  usedToday(userId: string): Promise<number> {
    return this.repo.usedToday(userId);
  }

  /** Whether `usedToday` has reached the cap (never without one). */
  capReached(usedToday: number): boolean {
    const cap = this.gateway?.dailyTokenCap;
    return cap !== undefined && usedToday >= cap;
  }

  /** 429 TOKEN_CAP_REACHED, with the cap and the use, when `usedToday` has reached the cap. */
  assertWithin(usedToday: number): void {
    try {
      this.gateway?.assertWithinDailyCap(usedToday);
    } catch (err) {
      if (err instanceof DailyTokenCapError)
        throw new AppError('TOKEN_CAP_REACHED', err.message, { cap: err.cap, used: err.used });
      throw err;
    }
  }

  /** Reads the user's use today and refuses past the cap; returns the use. */
  async check(userId: string): Promise<number> {
    const used = await this.repo.usedToday(userId);
    this.assertWithin(used);
    return used;
  }

  record(userId: string, tokens: number): Promise<void> {
    return this.repo.add(userId, tokens);
  }
}
