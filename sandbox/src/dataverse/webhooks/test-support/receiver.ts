/** A real HTTP receiver on 127.0.0.1:0 that records what Dataverse would send it. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** What to answer: a status, optionally after a delay. Called once per request, in arrival order. */
export type Responder = (req: Received, index: number) => { status: number; delayMs?: number };

export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  respond(responder: Responder): void;
  /** Resolves once `n` requests have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  let responder: Responder = () => ({ status: 200 });
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const received: Received = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, raw, body, at: Date.now() };
      requests.push(received);
      waiters.splice(0).forEach((w) => w());
      const { status, delayMs = 0 } = responder(received, requests.length - 1);
      const reply = setTimeout(() => res.writeHead(status).end(), delayMs);
      res.on('close', () => clearTimeout(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (r) => (responder = r),
    async waitFor(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} requests, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
