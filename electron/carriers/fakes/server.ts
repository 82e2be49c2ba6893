import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake carrier does wrong on purpose: commit then answer too late, fail with 5xx, an HTML page, or 429. */
export type Fault =
  | 'none'
  | 'stall-after-commit'
  | '5xx'
  | 'html'
  | '429'
  /** The connection is dropped before the request is handled: nothing booked. */
  | 'drop-before'
  /** The booking is committed, then the connection is dropped without an answer. */
  | 'drop-after-commit';

export interface FakeServer {
  url: string;
  fault: Fault;
  /** When set, asked for each request (randomised runs); otherwise `fault` holds. */
  nextFault?: () => Fault;
  stallMs: number;
  /** Calls received, for the tests to check. */
  calls: { path: string; body: string }[];
  close(): Promise<void>;
}

/** The fault chosen for each request, read again when its answer is sent. */
const faultOf = new WeakMap<ServerResponse, Fault>();

export async function startFake(
  handle: (req: IncomingMessage, body: string, res: ServerResponse, fake: FakeServer) => Promise<void> | void,
): Promise<FakeServer> {
  const fake: FakeServer = { url: '', fault: 'none', stallMs: 3000, calls: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      fake.calls.push({ path: req.url ?? '', body });
      const fault = fake.nextFault?.() ?? fake.fault;
      faultOf.set(res, fault);
      if (fault === 'drop-before') return void res.socket?.destroy();
      if (fault === '5xx') return void res.writeHead(502).end('Bad Gateway');
      if (fault === 'html')
        return void res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<html><body><h1>维护中 Under maintenance</h1></body></html>');
      if (fault === '429') {
        if (fake.fault === '429') fake.fault = 'none';
        return void res
          .writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' })
          .end('{"errors":[{"error_code":"rate_limit_exceeded","message":"slow down"}]}');
      }
      void Promise.resolve(handle(req, body, res, fake)).catch((e: Error) =>
        res.writeHead(500).end(e.message),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

/** Sends the answer; in stall mode the work is already committed and the answer comes after the client gave up. */
export function answer(
  res: ServerResponse,
  fake: FakeServer,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  const send = () => {
    if (!res.destroyed)
      res
        .writeHead(status, { 'Content-Type': type })
        .end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const fault = faultOf.get(res) ?? fake.fault;
  if (fault === 'stall-after-commit') setTimeout(send, fake.stallMs);
  else if (fault === 'drop-after-commit') res.socket?.destroy();
  else send();
}

export const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
