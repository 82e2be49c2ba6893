import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../log';

/** The part of a bench the hooks listener needs: its feeds by name, and the write of a pushed body. */
export interface HookFeeds {
  feed(name: string): { webhookSecret?: string | undefined } | undefined;
  receive(name: string, body: unknown): Promise<unknown>;
  /** Shopee's own pushes, signed its way (the bench checks them). */
  receiveShopee(raw: Buffer, authorization: string | undefined): Promise<{ status: number; body: object }>;
  /** KDNiao's tracking push (8001 subscription), a form signed with DataSign. */
  receiveKdniaoTracking(form: Record<string, string>): Promise<{ status: number; body: object }>;
  /** SF's route push (路由推送), a form signed with msgDigest. */
  receiveSfTracking(form: Record<string, string>): Promise<{ status: number; body: object | string }>;
  /** ShipEngine's `track` webhook, signed RSA-SHA256 (headers, raw body). */
  receiveShipEngineTracking(
    raw: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<{ status: number; body: object | string }>;
}

export interface HooksServer {
  url: string;
  close(): Promise<void>;
}

/** A pushed body is at most this large; past it the answer is 413 and nothing is stored. */
export const HOOK_MAX_BYTES = 1024 * 1024;

const send = (res: ServerResponse, status: number, body: object | string) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

/** `sha256=<hex HMAC-SHA256 of the raw body with the feed's secret>`, compared in constant time. */
export function signatureOk(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const want = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const got = Buffer.from(header.slice(7).trim().toLowerCase());
  return got.length === want.length && timingSafeEqual(got, want);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) return resolve('too-large');
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
      } else parts.push(d);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/**
 * `POST /hooks/orders/{feed}` on its own listener (`serve --hooks HOST:PORT`), apart from the bench's loopback UI port:
 * a bad or missing signature is 401, a body past the limit 413, and in both cases nothing is stored. Put it behind a
 * TLS reverse proxy (README). One bad answer never stops the bench: every error is answered and logged.
 */
export function startHooksServer(o: {
  host: string;
  port: number;
  feeds: HookFeeds;
  log: Log;
  maxBytes?: number;
}): Promise<HooksServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url?.split('?')[0] ?? '';
      if (path === '/hooks/shopee') {
        if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
        const raw = await readBody(req, o.maxBytes ?? HOOK_MAX_BYTES);
        if (raw === 'too-large') return send(res, 413, { error: 'body too large: nothing stored' });
        const auth = req.headers.authorization;
        const r = await o.feeds.receiveShopee(raw, auth);
        return send(res, r.status, r.body);
      }
      const tracking = /^\/hooks\/tracking\/(kdniao|sf|shipengine)$/.exec(path)?.[1];
      if (tracking) {
        if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
        const raw = await readBody(req, o.maxBytes ?? HOOK_MAX_BYTES);
        if (raw === 'too-large') return send(res, 413, { error: 'body too large: nothing stored' });
        const form = () => Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
        const r =
          tracking === 'kdniao'
            ? await o.feeds.receiveKdniaoTracking(form())
            : tracking === 'sf'
              ? await o.feeds.receiveSfTracking(form())
              : await o.feeds.receiveShipEngineTracking(raw, req.headers);
        return send(res, r.status, r.body);
      }
      const m = /^\/hooks\/orders\/([A-Za-z0-9_-]{1,40})$/.exec(path);
      if (!m) return send(res, 404, { error: 'no such hook' });
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      const name = m[1]!;
      const secret = o.feeds.feed(name)?.webhookSecret;
      if (!secret) return send(res, 404, { error: `no feed ${name} takes pushes here` });
      const raw = await readBody(req, o.maxBytes ?? HOOK_MAX_BYTES);
      if (raw === 'too-large')
        return send(res, 413, { error: `body over ${o.maxBytes ?? HOOK_MAX_BYTES} bytes: nothing stored` });
      const header = req.headers['x-packbench-signature'];
      if (!signatureOk(secret, raw, Array.isArray(header) ? header[0] : header))
        return send(res, 401, { error: 'X-Packbench-Signature missing or wrong: nothing stored' });
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'the body is not JSON' });
      }
      try {
        return send(res, 200, (await o.feeds.receive(name, body)) as object);
      } catch (err) {
        o.log.warn(`hook ${name}: ${(err as Error).message}`);
        return send(res, 400, { error: (err as Error).message });
      }
    })().catch((err: unknown) => {
      o.log.error('order hook', err);
      if (!res.headersSent) send(res, 500, { error: 'the bench could not take this push' });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const a = server.address() as AddressInfo;
      resolve({
        url: `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
