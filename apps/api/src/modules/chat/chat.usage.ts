import { DailyTokenCapError, type ModelGateway } from '../../ai/index.ts';
import { AppError } from '../../lib/errors.ts';

/** The daily token cap as the API's error: 429 TOKEN_CAP_REACHED with the cap and the use. */
export function assertWithinCap(gateway: ModelGateway, usedToday: number): void {
  try {
    gateway.assertWithinDailyCap(usedToday);
  } catch (err) {
    if (err instanceof DailyTokenCapError)
      throw new AppError('TOKEN_CAP_REACHED', err.message, {
        cap: err.cap,
        used: err.used,
      });
    throw err;
  }
}
