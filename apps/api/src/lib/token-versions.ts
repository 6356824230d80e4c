import type { EventBus } from '../events/bus.ts';
import { errors } from './errors.ts';

/** What loads a user's current token version; null when the account is gone. */
export type LoadVersion = (userId: string) => Promise<number | null>;

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Access-token revocation by a per-user version (users.token_version, the token's `ver` claim).
 * Logout, a password reset and account deletion raise it (deletion makes it null); every
 * instance hears of it on the event bus and refuses older tokens at once. Checked in memory on
 * every request: the version is loaded once per user, reloaded after 30 s in case a bus message
 * was lost.
 */
export class TokenVersions {
  readonly channel = 'auth:token-versions';
  private readonly known = new Map<string, { version: number | null; at: number }>();
  private readonly loading = new Map<string, Promise<number | null>>();
  private readonly watchers = new Map<string, Set<{ version: number; revoked: () => void }>>();

  constructor(
    private readonly load: LoadVersion,
    private readonly bus: EventBus,
  ) {}

  /** Listens for changes made by other instances. */
  async start(): Promise<() => Promise<void>> {
    return this.bus.subscribe(this.channel, (event) => {
      const e = event as { userId?: unknown; version?: unknown };
      if (typeof e.userId === 'string' && (typeof e.version === 'number' || e.version === null))
        this.remember(e.userId, e.version);
    });
  }

  /** The user's current version (to sign a new token with); null when the account is gone. */
  async current(userId: string): Promise<number | null> {
    const hit = this.known.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.version;
    let pending = this.loading.get(userId);
    if (!pending) {
      pending = this.load(userId).finally(() => this.loading.delete(userId));
      this.loading.set(userId, pending);
    }
    const version = await pending;
    this.remember(userId, version);
    return version;
  }

  /** Throws 401 INVALID_TOKEN unless `version` is the user's current one. */
  async check(userId: string, version: number): Promise<void> {
    const hit = this.known.get(userId);
    const current = hit && Date.now() - hit.at < TTL_MS ? hit.version : await this.current(userId);
    if (current === null || current !== version) throw errors.invalidToken();
  }

  /** After a change in the database: this instance knows at once, the others from the bus. */
  async changed(userId: string, version: number | null): Promise<void> {
    this.remember(userId, version);
    // With the bus down the others learn it when their copy expires (at most TTL_MS later).
    await this.bus.publish(this.channel, { userId, version }).catch(() => undefined);
  }

  /**
   * Calls `revoked` once, when this instance learns that the user's version moved on from
   * `version` (a logout, a password reset or a deletion, here or on another instance): what a
   * connection authenticated once, such as a WebSocket, uses to end itself. Returns the undo.
   */
  watch(userId: string, version: number, revoked: () => void): () => void {
    const watcher = { version, revoked };
    let set = this.watchers.get(userId);
    if (!set) {
      set = new Set();
      this.watchers.set(userId, set);
    }
    set.add(watcher);
    return () => this.unwatch(userId, watcher);
  }

  private unwatch(userId: string, watcher: { version: number; revoked: () => void }) {
    const set = this.watchers.get(userId);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(userId);
  }

  private remember(userId: string, version: number | null) {
    for (const watcher of this.watchers.get(userId) ?? []) {
      if (watcher.version === version) continue;
      this.unwatch(userId, watcher);
      watcher.revoked();
    }
    if (!this.known.has(userId) && this.known.size >= MAX_ENTRIES) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(userId, { version, at: Date.now() });
  }
}
