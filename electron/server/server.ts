import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { events as eventTable, MESSAGE_MAX_BYTES, type EventName } from '../../shared/contract';
import { contentSecurityPolicy } from '../../shared/security';
import type { Log } from '../log';
import { UPLOAD_LIMIT_BYTES, UploadTooLargeError, type Station, type Uploads } from '../station';
import { createGuard, TOKEN_COOKIE } from './guard';
import { serveConnection } from './connection';
import { serveStatic } from './static';

export interface HeadlessOptions {
  station: Pick<Station, 'call' | 'on' | 'info'> & {
    uploads?: Pick<Uploads, 'receive'>;
    link?: { state: { online: boolean; since: string | null; waiting: number } } | null;
  };
  /** Built renderer (out/renderer); null serves the API alone. */
  rendererDir: string | null;
  host?: string;
  port?: number;
  token?: string;
  /** Required to bind anything but loopback: the bench's API would be reachable from the network. */
  allowRemote?: boolean;
  /** A client has this long to send its request headers (a slowloris connection is cut after it). */
  headersTimeoutMs?: number;
  log: Log;
}

export interface HeadlessServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export async function startHeadlessServer(opts: HeadlessOptions): Promise<HeadlessServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !opts.allowRemote) {
    throw new Error(
      `refusing to listen on ${host}: the bench API would be open to the network; pass --allow-remote to mean it`,
    );
  }
  if (!isLoopback(host))
    opts.log.warn(`listening on ${host}: anyone on the network with the token can drive this bench`);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  // The printed URL's own host always answers (e.g. 127.0.0.2), beside the usual loopback names.
  const allowedHosts = () =>
    isLoopback(host)
      ? [...new Set([`${shownHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])]
      : null;
  const guard = createGuard(token, allowedHosts);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MESSAGE_MAX_BYTES });

  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders(port) });
    res.end(text);
  };

  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, 60_000),
      connectionsCheckingInterval: Math.min(1000, headersTimeout / 2),
      maxHeaderSize: 16 * 1024,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      // Host first, for every path: a DNS-rebinding page must not read even the health answer.
      if (!guard.hostAllowed(req)) return deny(res, 403, 'forbidden: unexpected Host header');
      if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname === '/healthz') {
        const info = opts.station.info();
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(
          JSON.stringify({
            ok: true,
            version: info.version,
            stationId: info.stationId,
            devices: info.devices,
            // Warehouse mode: whether PostgreSQL answers, and how much waits to go up.
            ...(opts.station.link ? { warehouse: opts.station.link.state } : {}),
          }),
        );
        return;
      }
      // The tab's icon, for a browser that asks for it by the old name: not a secret, so before the token.
      if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname === '/favicon.ico')
        return void (
          (opts.rendererDir &&
            serveStatic(opts.rendererDir, '/favicon.svg', res, { 'Cache-Control': 'max-age=86400' })) ||
          deny(res, 404, 'not found')
        );
      if (req.method === 'POST' && url.pathname === '/upload') return void upload(req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
      const token = guard.tokenOf(req);
      if (!guard.tokenValid(token))
        return deny(
          res,
          401,
          'unauthorized: open the URL printed by "packbench serve" (it carries the token)',
        );
      if (!opts.rendererDir) return deny(res, 404, 'this station serves no pages');
      const headers = securityHeaders(port);
      // The start URL carries the token once; the page's own requests (assets, /rpc) then carry the cookie.
      if (url.searchParams.has('token'))
        headers['Set-Cookie'] =
          `${TOKEN_COOKIE}=${encodeURIComponent(token!)}; HttpOnly; SameSite=Strict; Path=/`;
      if (!serveStatic(opts.rendererDir, url.pathname, res, headers)) deny(res, 404, 'not found');
    },
  );

  /** Import files, streamed to disk; the page then names the upload in `import.file`. */
  const upload = async (req: IncomingMessage, res: ServerResponse) => {
    const json = (status: number, body: unknown) => {
      // No "Connection: close": a refused upload's body is still read to its end (up to a bound), so the client
      // finishes sending and then reads the answer instead of a reset connection.
      res.writeHead(status, { 'Content-Type': 'application/json', ...securityHeaders(port) });
      res.end(JSON.stringify(body));
    };
    if (!guard.originAllowed(req)) return json(403, { error: 'forbidden: foreign Origin' });
    if (!guard.tokenValid(guard.tokenOf(req)))
      return json(401, { error: 'unauthorized: open the URL printed by "packbench serve"' });
    if (!opts.station.uploads) return json(404, { error: 'this station takes no uploads' });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > UPLOAD_LIMIT_BYTES) {
      json(413, { error: new UploadTooLargeError().message });
      return drain(req);
    }
    try {
      json(200, { uploadId: await opts.station.uploads.receive(req) });
    } catch (err) {
      if (err instanceof UploadTooLargeError) {
        json(413, { error: err.message });
        drain(req);
      } else if (!res.headersSent) json(400, { error: (err as Error).message });
    }
  };

  /** Reads a refused body away, but not forever: past twice the limit the connection is cut. */
  const drain = (req: IncomingMessage) => {
    let seen = 0;
    req.on('data', (d: Buffer) => {
      seen += d.length;
      if (seen > 2 * UPLOAD_LIMIT_BYTES) req.socket.destroy();
    });
    req.resume();
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!guard.hostAllowed(req) || !guard.originAllowed(req)) {
      opts.log.warn(`refused /rpc from origin ${req.headers.origin ?? '-'} host ${req.headers.host ?? '-'}`);
      return refuse(403, 'Forbidden');
    }
    if (!guard.tokenValid(guard.tokenOf(req))) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    const connection = serveConnection(ws, (m, p) => opts.station.call(m, p), opts.log);
    const unsubscribe = (Object.keys(eventTable) as EventName[]).map((event) =>
      opts.station.on(event, (payload) => connection.push(event, payload)),
    );
    // A bad frame (too large: 1009, invalid UTF-8: 1007) closes this socket alone; ws sends the close code.
    ws.on('error', (err) => opts.log.warn(`websocket closed: ${err.message}`));
    ws.on('close', () => unsubscribe.forEach((u) => u()));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
