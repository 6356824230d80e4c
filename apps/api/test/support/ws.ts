import WebSocket from 'ws';

export interface WsTranscript {
  messages: Record<string, unknown>[];
  code: number;
  reason: string;
}

/**
 * Opens a WebSocket and collects every JSON message until the server closes it. Authenticates with
 * the `bearer.<token>` sub-protocol, or with a first `auth` message when `via` says so.
 */
export function follow(
  url: string,
  token: string | null,
  via: 'protocol' | 'message' = 'protocol',
  timeoutMs = 60_000,
): Promise<WsTranscript> {
  return watch(url, token, via, timeoutMs).done;
}

/** Like `follow`, with a promise for the first message (the socket is then subscribed). */
export function watch(
  url: string,
  token: string | null,
  via: 'protocol' | 'message' = 'protocol',
  timeoutMs = 60_000,
): { first: Promise<void>; done: Promise<WsTranscript> } {
  let gotFirst!: () => void;
  const first = new Promise<void>((r) => (gotFirst = r));
  const protocols = ['quento.v1', ...(token && via === 'protocol' ? [`bearer.${token}`] : [])];
  const ws = new WebSocket(url, protocols);
  const messages: Record<string, unknown>[] = [];
  const done = new Promise<WsTranscript>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(
        new Error(`no close within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-3))}`),
      );
    }, timeoutMs);
    ws.on('open', () => {
      if (token && via === 'message') ws.send(JSON.stringify({ type: 'auth', token }));
    });
    ws.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      gotFirst();
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ messages, code, reason: reason.toString() });
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { first, done };
}
