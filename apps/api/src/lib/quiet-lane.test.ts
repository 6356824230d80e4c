import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { QuietLane } from './quiet-lane.ts';

/** Lets the lane release work (one item per turn of the event loop). */
const settle = async (turns = 5) => {
  for (let i = 0; i < turns; i++) await tick();
};

describe('QuietLane', () => {
  it('runs work at once when nothing is in the foreground', async () => {
    const lane = new QuietLane();
    await expect(lane.run('a', async () => 42)).resolves.toBe(42);
  });

  it('holds work while a foreground operation is under way and starts it when it ends', async () => {
    const lane = new QuietLane(10_000);
    const leave = lane.enter();
    let started = false;
    const done = lane.run('a', async () => {
      started = true;
      return 'ok';
    });
    await settle();
    expect(started).toBe(false);
    leave();
    leave(); // ending twice is harmless
    await expect(done).resolves.toBe('ok');
    expect(started).toBe(true);
  });

  it('waits only while every foreground operation is under way', async () => {
    const lane = new QuietLane(10_000);
    const first = lane.enter();
    const second = lane.enter();
    let started = false;
    void lane.run('a', async () => {
      started = true;
    });
    first();
    await settle();
    expect(started).toBe(false);
    second();
    await settle();
    expect(started).toBe(true);
  });

  it('does not starve: after maxWaitMs the work runs even under constant load', async () => {
    const lane = new QuietLane(30);
    lane.enter(); // never left
    const at = Date.now();
    await lane.run('a', async () => {});
    expect(Date.now() - at).toBeGreaterThanOrEqual(25);
  });

  it('forgets waits that timed out, so they do not pile up under constant load', async () => {
    const lane = new QuietLane(10);
    lane.enter(); // never left
    await Promise.all(Array.from({ length: 50 }, () => lane.quiet()));
    expect((lane as unknown as { waiting: unknown[] }).waiting).toHaveLength(0);
  });

  it('settles the callers of a task that throws before its first await', async () => {
    const lane = new QuietLane();
    const throwsAtOnce = (() => {
      throw new Error('at once');
    }) as unknown as () => Promise<void>;
    await expect(lane.run('k', throwsAtOnce)).rejects.toThrow('at once');
  });

  it('a newer task under the same key replaces a waiting one, and both callers get its result', async () => {
    const lane = new QuietLane(10_000);
    const leave = lane.enter();
    const ran: string[] = [];
    const older = lane.run('conversation-1', async () => {
      ran.push('older');
      return 'older';
    });
    const newer = lane.run('conversation-1', async () => {
      ran.push('newer');
      return 'newer';
    });
    const other = lane.run('conversation-2', async () => {
      ran.push('other');
      return 'other';
    });
    leave();
    await expect(Promise.all([older, newer, other])).resolves.toEqual(['newer', 'newer', 'other']);
    expect(ran.sort()).toEqual(['newer', 'other']);
  });

  it('never runs two tasks of one key at the same time', async () => {
    const lane = new QuietLane();
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    };
    const first = lane.run('k', task);
    await settle(); // the first has started; the second must wait for it
    await Promise.all([first, lane.run('k', task)]);
    expect(most).toBe(1);
  });

  it('passes a failure to every caller', async () => {
    const lane = new QuietLane();
    await expect(
      lane.run('k', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // The key is free again afterwards.
    await expect(lane.run('k', async () => 'again')).resolves.toBe('again');
  });
});
