/** A unit of background work, identified so that enqueueing the same id twice runs it once. */
export interface Job<T> {
  id: string;
  data: T;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the job is cancelled or the worker shuts down. */
  signal: AbortSignal;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface QueueOptions {
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Runs of a failing job before it is given up. */
  attempts: number;
  /** First retry delay; doubles on each further retry. */
  backoffMs: number;
}

/**
 * The queue behind analysis jobs: BullMQ on Redis when configured, in-process otherwise. Both
 * deliver at least once; handlers must be idempotent (the database row is the source of truth).
 */
export interface JobQueue<T> {
  readonly kind: 'bullmq' | 'memory';
  enqueue(id: string, data: T): Promise<void>;
  /** Starts running jobs in this process. Without it the queue only enqueues (an API-only node). */
  work(handler: JobHandler<T>): Promise<void>;
  /** Drops a waiting job and aborts a running one, wherever it runs. */
  cancel(id: string): Promise<void>;
  /** Jobs waiting or running, and those given up after their last attempt (metrics, tests). */
  counts(): Promise<{ waiting: number; active: number; failed: number }>;
  close(): Promise<void>;
}

/**
 * Thrown into a running job's signal when its worker shuts down: the handler stops, and the queue
 * hands the job back (BullMQ: to the waiting list, for another worker; in-process: to the
 * database, which the next start re-enqueues from).
 */
export class WorkerStoppingError extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'WorkerStoppingError';
  }
}

/** Thrown into a job's signal when it is cancelled, so handlers can tell it from a timeout. */
export class JobCancelledError extends Error {
  constructor(id: string) {
    super(`job ${id} was cancelled`);
    this.name = 'JobCancelledError';
  }
}
