import {
  JobCancelledError,
  type JobHandler,
  type JobQueue,
  type QueueOptions,
  WorkerStoppingError,
} from './queue.ts';

interface Entry<T> {
  id: string;
  data: T;
  attempt: number;
}

/**
 * A single-process queue with the same contract as the BullMQ one. It keeps nothing on disk: on
 * start the service re-enqueues unfinished work from the database, which is what makes a crash or
 * restart safe in embedded mode.
 */
export class MemoryQueue<T> implements JobQueue<T> {
  readonly kind = 'memory' as const;
  private readonly waiting: Entry<T>[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: JobHandler<T> | null = null;
  private closed = false;
  /** Jobs given up after their last attempt, since start. */
  private failed = 0;
  private idle: Promise<void> = Promise.resolve();
  private settle: (() => void) | null = null;

  constructor(private readonly options: QueueOptions) {}

  async enqueue(id: string, data: T): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    if (this.running.has(id) || this.waiting.some((e) => e.id === id)) return;
    this.waiting.push({ id, data, attempt: 1 });
    this.pump();
  }

  async work(handler: JobHandler<T>): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  async cancel(id: string): Promise<void> {
    const i = this.waiting.findIndex((e) => e.id === id);
    if (i >= 0) this.waiting.splice(i, 1);
    this.running.get(id)?.abort(new JobCancelledError(id));
  }

  async counts() {
    return { waiting: this.waiting.length, active: this.running.size, failed: this.failed };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.running.values()) c.abort(new WorkerStoppingError());
    await this.idle;
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler || this.closed) return;
    while (this.running.size < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.run(handler, entry);
    }
  }

  private run(handler: JobHandler<T>, entry: Entry<T>): void {
    const controller = new AbortController();
    if (this.running.size === 0) this.idle = new Promise((resolve) => (this.settle = resolve));
    this.running.set(entry.id, controller);
    void handler({ ...entry, signal: controller.signal })
      .catch(() => {
        if (controller.signal.aborted || this.closed) return;
        if (entry.attempt >= this.options.attempts) {
          this.failed += 1;
          return;
        }
        const delay = this.options.backoffMs * 2 ** (entry.attempt - 1);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.closed) return;
          this.waiting.push({ ...entry, attempt: entry.attempt + 1 });
          this.pump();
        }, delay);
        this.timers.add(timer);
      })
      .finally(() => {
        this.running.delete(entry.id);
        if (this.running.size === 0) this.settle?.();
        this.pump();
      });
  }
}
