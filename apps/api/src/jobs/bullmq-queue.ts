import { Queue, WaitingError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bounded, whenReady } from '../lib/unavailable.ts';
import {
  JobCancelledError,
  type JobHandler,
  type JobQueue,
  type QueueOptions,
  WorkerStoppingError,
} from './queue.ts';

export interface BullQueueOptions extends QueueOptions {
  redisUrl: string;
  name: string;
  /** Key prefix, so that tests and deployments can share one Redis. */
  prefix?: string;
  /** How long a job's lock lasts; a crashed worker's job is picked up again after it expires. */
  lockDurationMs?: number;
}

/**
 * BullMQ on Redis. Durable: a job whose worker dies is found stalled when its lock expires and runs
 * again on whichever worker is alive. Cancellation reaches the running worker over pub/sub.
 */
export class BullQueue<T> implements JobQueue<T> {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue;
  private readonly connections: Redis[] = [];
  private worker: Worker | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly cancelChannel: string;

  constructor(private readonly options: BullQueueOptions) {
    const prefix = options.prefix ?? 'quento';
    this.cancelChannel = `${prefix}:${options.name}:cancel`;
    this.queue = new Queue(options.name, {
      connection: this.connect(),
      prefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
      },
    });
    this.queue.on('error', () => {});
  }

  private connect(): Redis {
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    const c = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    // ioredis reconnects by itself; /readyz reports the outage. Without a listener every failed
    // reconnect would be an "Unhandled error event".
    c.on('error', () => {});
    this.connections.push(c);
    return c;
  }

  /** Producer calls fail fast while Redis is away (503), rather than wait for it. */
  private async producer<R>(call: () => Promise<R>): Promise<R> {
    await whenReady(this.connections[0]!, 'job queue');
    return bounded(call(), 'job queue');
  }

  async enqueue(id: string, data: T): Promise<void> {
    await this.producer(() => this.queue.add('job', data, { jobId: id }));
  }

  async work(handler: JobHandler<T>): Promise<void> {
    const sub = this.connect();
    await sub.subscribe(this.cancelChannel);
    sub.on('message', (_channel: string, id: string) => {
      this.running.get(id)?.abort(new JobCancelledError(id));
    });
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    this.worker = new Worker(
      this.options.name,
      async (job, token) => {
        const id = job.id!;
        const controller = new AbortController();
        this.running.set(id, controller);
        try {
          await handler({
            id,
            data: job.data as T,
            attempt: job.attemptsMade + 1,
            signal: controller.signal,
          });
        } catch (err) {
          // Stopped by our own shutdown: back to the waiting list at once, for another worker,
          // without using up one of the job's attempts (WaitingError tells BullMQ it moved).
          if (controller.signal.reason instanceof WorkerStoppingError) {
            await job.moveToWait(token);
            throw new WaitingError();
          }
          throw err;
        } finally {
          this.running.delete(id);
        }
      },
      {
        connection: this.connect(),
        prefix: this.options.prefix ?? 'quento',
        concurrency: this.options.concurrency,
        lockDuration,
        stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
        maxStalledCount: 3,
      },
    );
    this.worker.on('error', () => {
      // Connection errors are retried by ioredis; a failing job is reported through its own row.
    });
    await this.worker.waitUntilReady();
  }

  async cancel(id: string): Promise<void> {
    await this.producer(async () => {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : null;
      // An active job is locked by its worker and cannot be removed: that worker aborts it instead.
      if (job && state !== 'active') await job.remove().catch(() => undefined);
      await this.connections[0]!.publish(this.cancelChannel, id);
    });
  }

  async counts() {
    const c = await this.producer(() =>
      this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'),
    );
    return {
      waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      failed: c.failed ?? 0,
    };
  }

  async close(): Promise<void> {
    for (const c of this.running.values()) c.abort(new WorkerStoppingError());
    // With Redis away a graceful close would wait for it: give it a few seconds, then cut.
    const graceful = (async () => {
      await this.worker?.close();
      await this.queue.close();
    })();
    await bounded(graceful, 'job queue', 5000).catch(() => undefined);
    await Promise.all(
      this.connections.map((c) =>
        c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect(),
      ),
    );
  }
}
