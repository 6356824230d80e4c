import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventBus, RedisBus } from '../../src/events/bus.ts';
import { MemoryBus } from '../../src/events/memory-bus.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: EventBus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function settle() {
  await new Promise((r) => setTimeout(r, 50));
}

describe.each([
  ['memory', () => new MemoryBus()],
  ['redis', () => new RedisBus(REDIS_URL, `quento-test:${randomUUID()}:`)],
] as const)('%s bus', (kind, make) => {
  it('delivers events in order to every subscriber of a channel, and stops after unsubscribe', async () => {
    const bus = make();
    open.push(bus);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = await bus.subscribe('analysis:1', (e) => a.push(e));
    await bus.subscribe('analysis:1', (e) => b.push(e));
    await bus.subscribe('analysis:2', () => {
      throw new Error('wrong channel');
    });
    for (let i = 0; i < 5; i++) await bus.publish('analysis:1', { i });
    await settle();
    expect(a).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    expect(b).toEqual(a);
    await offA();
    await bus.publish('analysis:1', { i: 5 });
    await settle();
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(6);
  });

  if (kind === 'redis') {
    it('crosses instances: one publishes, another receives', async () => {
      const prefix = `quento-test:${randomUUID()}:`;
      const one = new RedisBus(REDIS_URL, prefix);
      const two = new RedisBus(REDIS_URL, prefix);
      open.push(one, two);
      const got: unknown[] = [];
      await two.subscribe('c', (e) => got.push(e));
      await one.publish('c', { hello: 'world' });
      await settle();
      expect(got).toEqual([{ hello: 'world' }]);
    });
  }
});
