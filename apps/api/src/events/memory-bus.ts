import { EventEmitter } from 'node:events';
import type { EventBus, Listener } from './bus.ts';

/**
 * The in-process bus of a single instance. Its own file, so that embedded mode never loads
 * ioredis (RedisBus in bus.ts is imported only with REDIS_URL).
 */
export class MemoryBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, event: unknown): Promise<void> {
    this.emitter.emit(channel, event);
  }

  async subscribe(channel: string, listener: Listener) {
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
