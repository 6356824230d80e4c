type Settle = [(value: unknown) => void, (error: unknown) => void];

/**
 * A lane for work that can wait: it starts only while nothing is in the foreground, so it never
 * holds up a foreground operation (a chat turn on its way to its first token). Under constant
 * load a task waits at most `maxWaitMs`, so nothing starves. A task queued under a key that
 * already has one waiting replaces it, and both callers get the newer task's result: the newer
 * one covers what the older would have done (a conversation's follow-up, say).
 */
export class QuietLane {
  private foreground = 0;
  private readonly waiting: Array<() => void> = [];
  private releasing = false;
  private readonly queued = new Map<string, { task: () => Promise<unknown>; settle: Settle[] }>();
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly maxWaitMs = 1_000) {}

  /** Marks a foreground operation as started; the returned function ends it (once). */
  enter(): () => void {
    this.foreground++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.foreground--;
      if (this.foreground === 0) this.release();
    };
  }

  /** Resolves when the foreground is empty, or after `maxWaitMs`, whichever is first. */
  quiet(): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        // Gone from the line too, so waits that time out under constant load do not pile up.
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        go();
      }, this.maxWaitMs);
      timer.unref?.();
      this.waiting.push(go);
      this.release();
    });
  }

  /**
   * Runs `task` once the lane is quiet and the previous task under `key` has finished (tasks of
   * one key never overlap); see the class comment for what a key does while a task waits.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle: Settle = [resolve as (v: unknown) => void, reject];
      const queued = this.queued.get(key);
      if (queued) {
        queued.task = task;
        queued.settle.push(settle);
        return;
      }
      const entry = { task: task as () => Promise<unknown>, settle: [settle] };
      this.queued.set(key, entry);
      void (async () => {
        await this.quiet();
        await this.running.get(key)?.catch(() => {});
        this.queued.delete(key);
        // A task that throws before its first await still settles its callers.
        const running = Promise.resolve().then(entry.task);
        this.running.set(key, running);
        running.then(
          (v) => {
            for (const [ok] of entry.settle) ok(v);
          },
          (e) => {
            for (const [, fail] of entry.settle) fail(e);
          },
        );
        void running
          .catch(() => {})
          .finally(() => {
            if (this.running.get(key) === running) this.running.delete(key);
          });
      })();
    });
  }

  /**
   * Lets waiting work go one item per turn of the event loop, checking the foreground before
   * each: a message that arrives meanwhile is handled first.
   */
  private release(): void {
    if (this.releasing || this.waiting.length === 0) return;
    this.releasing = true;
    const step = () => {
      if (this.foreground > 0 || this.waiting.length === 0) {
        this.releasing = false;
        return;
      }
      this.waiting.shift()?.();
      setImmediate(step);
    };
    setImmediate(step);
  }
}
