import WebSocket from 'ws';

export type ChatEvent = Record<string, unknown> & { type: string };

/**
 * A chat WebSocket for tests: collects server events and waits for the one a test needs.
 * Authenticates with the `bearer.<token>` sub-protocol.
 */
export class ChatSocket {
  readonly events: ChatEvent[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.events.push(JSON.parse(data.toString()) as ChatEvent);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static open(url: string, token: string): Promise<ChatSocket> {
    const ws = new WebSocket(url, ['quento.v1', `bearer.${token}`]);
    const socket = new ChatSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(payload: unknown) {
    this.ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** Resolves with the first event from `from` on that matches; rejects if the socket closes. */
  async until(match: (e: ChatEvent) => boolean, from = 0, timeoutMs = 30_000): Promise<ChatEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.slice(from).find(match);
      if (hit) return hit;
      if (this.closed) throw new Error(`socket closed ${JSON.stringify(this.closed)}`);
      if (Date.now() > deadline)
        throw new Error(`no matching event; got ${JSON.stringify(this.events.slice(-5))}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 500);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /**
   * Sends a message and returns the events of that turn up to `final` or `error` (without the
   * connection's `ready` and a previous turn's `profile` event).
   */
  async turn(content: string): Promise<ChatEvent[]> {
    const from = this.events.length;
    this.send({ type: 'message', content });
    const end = await this.until((e) => e.type === 'final' || e.type === 'error', from);
    return this.events
      .slice(from, this.events.indexOf(end) + 1)
      .filter((e) => e.type !== 'ready' && e.type !== 'profile');
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((r) => {
      this.ws.once('close', () => r());
      this.ws.close();
    });
  }
}
