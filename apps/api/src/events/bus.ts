import { Redis } from 'ioredis';
import { bounded, whenReady } from '../lib/unavailable.ts';

export type Listener = (event: unknown) => void;

/**
 * Events between the worker that produces them and the API instance holding the client's
 * WebSocket: Redis pub/sub when configured, an in-process emitter otherwise.
 */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  publish(channel: string, event: unknown): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class RedisBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();

  constructor(
    redisUrl: string,
    private readonly prefix = 'quento:events:',
  ) {
    this.pub = new Redis(redisUrl);
    this.sub = new Redis(redisUrl);
    // Reconnects are ioredis's job (it subscribes again itself); /readyz reports the outage.
    this.pub.on('error', () => {});
    this.sub.on('error', () => {});
    this.sub.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let event: unknown;
      try {
        event = JSON.parse(message);
      } catch {
        return;
      }
      for (const l of set) l(event);
    });
  }

  async publish(channel: string, event: unknown): Promise<void> {
    await whenReady(this.pub, 'event bus');
    await bounded(this.pub.publish(this.prefix + channel, JSON.stringify(event)), 'event bus');
  }

  async subscribe(channel: string, listener: Listener) {
    const key = this.prefix + channel;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
      this.subscribed.set(key, this.sub.subscribe(key));
    }
    set.add(listener);
    // Every caller waits for the one SUBSCRIBE of its channel, so no early event is missed; not
    // for ever, though: with Redis away it goes on in the background and the caller gets a 503.
    await bounded(Promise.resolve(this.subscribed.get(key)), 'event bus');
    return async () => {
      const current = this.listeners.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(key);
        this.subscribed.delete(key);
        await this.sub.unsubscribe(key).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    for (const c of [this.pub, this.sub]) {
      if (c.status === 'ready') await c.quit().catch(() => c.disconnect());
      else c.disconnect();
    }
  }
}
