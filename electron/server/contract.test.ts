import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ContractError, type CallOutcome } from '../../shared/contract';
import { contentSecurityPolicy } from '../../shared/security';
import type { Log } from '../log';
import { UploadTooLargeError, Uploads, UPLOAD_LIMIT_BYTES } from '../station';
import { tempDir } from '../testing';
import { handleRpcFrame, isLoopback, startHeadlessServer, type HeadlessServer } from './index';

/**
 * The server's promises, each pinned down (found by mutation testing): headers, content types, uploads, the JSON-RPC
 * error table, which hosts count as loopback, what is logged, and a clean close. A stand-in station answers calls.
 */
let dir: string;
let cleanup: () => void;
let server: HeadlessServer;
let uploads: Uploads;
const warned: string[] = [];
const log: Log = { info: () => undefined, warn: (m) => void warned.push(m), error: () => undefined };
const TOKEN = 'tok=en';
const listeners = new Set<(p: unknown) => void>();
const station = {
  info: () => ({ version: '1', stationId: 'C-1', devices: [] }) as never,
  on: (_e: string, l: (p: unknown) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  call: async (method: unknown): Promise<CallOutcome> => {
    if (method === 'throws') throw new Error('boom');
    if (method === 'refuse') return { ok: false, error: { code: 'refused', message: 'no' } };
    if (method === 'internal') return { ok: false, error: { code: 'internal', message: 'broke' } };
    if (method === 'bad-result') return { ok: false, error: { code: 'bad-result', message: 'odd' } };
    return { ok: true, result: { echo: method } };
  },
  get uploads() {
    return uploads;
  },
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  for (const f of [
    'index.html',
    'assets/a.js',
    'assets/a.css',
    'assets/i.svg',
    'assets/i.png',
    'assets/f.woff2',
    'assets/s.wav',
    'assets/x.bin',
    'assets/d.json',
    'assets/p.jpg',
    'assets/m.mp3',
    'assets/favicon.ico',
    'favicon.svg',
  ])
    writeFileSync(join(root, f), `content of ${f}`);
  uploads = new Uploads(join(dir, 'uploads'));
  server = await startHeadlessServer({ station: station as never, rendererDir: root, log, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

function http(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const cookie = { cookie: `packbench_token=${encodeURIComponent(TOKEN)}` };

describe('headers and files', () => {
  it('every answer carries the security headers; the CSP lets the page reach its own /rpc only', async () => {
    const csp = contentSecurityPolicy([`ws://127.0.0.1:${server.port}`, `ws://localhost:${server.port}`]);
    for (const res of [
      await http('GET', '/', cookie),
      await http('GET', '/'),
      await http('PUT', '/', cookie),
    ]) {
      expect(res.headers).toMatchObject({
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
    }
    expect((await http('GET', '/healthz')).headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
  });

  it.each([
    ['/', 'text/html; charset=utf-8', 'index.html'],
    ['/assets/a.js', 'text/javascript; charset=utf-8', 'assets/a.js'],
    ['/assets/a.css', 'text/css; charset=utf-8', 'assets/a.css'],
    ['/assets/i.svg', 'image/svg+xml', 'assets/i.svg'],
    ['/assets/i.png', 'image/png', 'assets/i.png'],
    ['/assets/f.woff2', 'font/woff2', 'assets/f.woff2'],
    ['/assets/s.wav', 'audio/wav', 'assets/s.wav'],
    ['/assets/x.bin', 'application/octet-stream', 'assets/x.bin'],
    ['/assets/d.json', 'application/json', 'assets/d.json'],
    ['/assets/p.jpg', 'image/jpeg', 'assets/p.jpg'],
    ['/assets/m.mp3', 'audio/mpeg', 'assets/m.mp3'],
    ['/assets/favicon.ico', 'image/x-icon', 'assets/favicon.ico'],
  ])('%s is served as %s with its length', async (path, type, file) => {
    const res = await http('GET', path, cookie);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.body).toBe(`content of ${file}`);
    expect(Number(res.headers['content-length'])).toBe(`content of ${file}`.length);
  });

  it('the tab icon answers at /favicon.ico, with or without the token', async () => {
    for (const c of [cookie, undefined]) {
      const res = await http('GET', '/favicon.ico', c);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.body).toBe('content of favicon.svg');
    }
  });

  it('a folder, a missing file and a bad escape are 404; the start URL sets the cookie once', async () => {
    expect((await http('GET', '/assets', cookie)).status).toBe(404);
    expect((await http('GET', '/nope.js', cookie)).status).toBe(404);
    expect((await http('GET', '/%E0%A4%A', cookie)).status).toBe(404);
    const start = await http('GET', `/?token=${encodeURIComponent(TOKEN)}`);
    expect(start.headers['set-cookie']).toEqual([
      `packbench_token=${encodeURIComponent(TOKEN)}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    expect((await http('GET', '/', cookie)).headers['set-cookie']).toBeUndefined();
  });

  it('reads the token cookie among others, with spaces, and up to 8 KiB of cookies', async () => {
    expect(
      (await http('GET', '/', { cookie: `a=1;   packbench_token=${encodeURIComponent(TOKEN)}; b=2` })).status,
    ).toBe(200);
    const pad = (n: number) => `p=${'x'.repeat(n)}; packbench_token=${encodeURIComponent(TOKEN)}`;
    const at = pad(8192 - pad(0).length);
    expect(at.length).toBe(8192);
    expect((await http('GET', '/', { cookie: at })).status).toBe(200);
    expect((await http('GET', '/', { cookie: pad(8193 - pad(0).length) })).status).toBe(401);
  });
});

describe('refusals say what is wrong', () => {
  it('in plain text: method, token, no pages; POST elsewhere than /upload is not an upload', async () => {
    const post = await http('POST', '/', cookie, Buffer.from('x'));
    expect([post.status, post.body, post.headers['content-type']]).toEqual([
      405,
      'method not allowed',
      'text/plain; charset=utf-8',
    ]);
    expect((await http('GET', '/upload', cookie)).status).toBe(404);
    expect((await http('GET', '/')).body).toBe(
      'unauthorized: open the URL printed by "packbench serve" (it carries the token)',
    );
    expect((await http('GET', '/', { host: 'evil.example' })).body).toBe('forbidden: unexpected Host header');
    expect(JSON.parse((await http('POST', '/upload', {}, Buffer.from('x'))).body)).toEqual({
      error: 'unauthorized: open the URL printed by "packbench serve"',
    });
    expect(
      JSON.parse(
        (await http('POST', '/upload', { ...cookie, origin: 'http://evil.example' }, Buffer.from('x'))).body,
      ),
    ).toEqual({
      error: 'forbidden: foreign Origin',
    });
    const bare = await startHeadlessServer({ station: station as never, rendererDir: null, log, token: 't' });
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve) =>
        request({ host: '127.0.0.1', port: bare.port, path: '/?token=t' }, (r) => {
          let b = '';
          r.on('data', (d) => (b += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: b }));
        }).end(),
      );
      expect(res).toEqual({ status: 404, body: 'this station serves no pages' });
    } finally {
      await bare.close();
    }
  });

  it('upgrades: another path is 404, a foreign origin 403, no token 401, each with its reason phrase', async () => {
    const upgrade = (path: string, headers: Record<string, string> = {}) =>
      new Promise<string>((resolve) => {
        const r = request({
          host: '127.0.0.1',
          port: server.port,
          path,
          headers: {
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
            ...headers,
          },
        });
        r.on('response', (res) => resolve(`${res.statusCode} ${res.statusMessage}`));
        r.on('upgrade', (res) => resolve(`${res.statusCode}`));
        r.on('error', () => resolve('error'));
        r.end();
      });
    expect(await upgrade('/other')).toBe('404 Not Found');
    expect(await upgrade('/rpc', { origin: 'http://evil.example', ...cookie })).toBe('403 Forbidden');
    expect(await upgrade('/rpc')).toBe('401 Unauthorized');
    expect(
      await upgrade(`/rpc?token=${encodeURIComponent(TOKEN)}`, {
        host: `localhost:${server.port}`,
        origin: `http://localhost:${server.port}`,
      }),
    ).toBe('101');
  });

  it('a JSON-RPC parse error carries no data field at all', async () => {
    expect(await handleRpcFrame('nope', async () => ({ ok: true, result: null }))).toStrictEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'parse error: not JSON' },
    });
  });
});

describe('listening beyond loopback (--allow-remote) and on IPv6', () => {
  it('warns, and then any Host may ask (the token still rules)', async () => {
    const before = warned.length;
    const remote = await startHeadlessServer({
      station: station as never,
      rendererDir: null,
      log,
      token: 't',
      host: '0.0.0.0',
      allowRemote: true,
    });
    try {
      expect(warned.slice(before)).toContain(
        'listening on 0.0.0.0: anyone on the network with the token can drive this bench',
      );
      expect(remote.url).toBe(`http://0.0.0.0:${remote.port}/?token=t`);
      const status = await new Promise<number>((resolve) =>
        request(
          { host: '127.0.0.1', port: remote.port, path: '/healthz', headers: { host: 'bench-07.lan' } },
          (r) => resolve(r.statusCode ?? 0),
        ).end(),
      );
      expect(status).toBe(200);
    } finally {
      await remote.close();
    }
  });

  it('an IPv6 loopback address is printed in brackets and answers to them', async () => {
    const v6 = await startHeadlessServer({
      station: station as never,
      rendererDir: null,
      log,
      token: 't',
      host: '::1',
    }).catch(() => null);
    if (!v6) return; // no IPv6 on this machine
    try {
      expect(v6.url).toBe(`http://[::1]:${v6.port}/?token=t`);
      const status = await new Promise<number>((resolve) =>
        request({ host: '::1', port: v6.port, path: '/healthz' }, (r) => resolve(r.statusCode ?? 0)).end(),
      );
      expect(status).toBe(200);
    } finally {
      await v6.close();
    }
  });
});

describe('hosts', () => {
  it('counts 127.x, localhost and ::1 as loopback, nothing else', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', '127.1.2.3', 'localhost', '::1'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '10.0.0.1', '192.168.1.10', 'a127.0.0.1', '::', 'example.com'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('answers to the loopback names of its own port, in any case, and to no other port', async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `[::1]:${server.port}`,
    ])
      expect((await http('GET', '/healthz', { host })).status, host).toBe(200);
    for (const host of [`127.0.0.1:${server.port + 1}`, 'localhost', `evil:${server.port}`])
      expect((await http('GET', '/healthz', { host })).status, host).toBe(403);
  });
});

describe('uploads', () => {
  it('stores the body under an id the import names, once', async () => {
    const res = await http('POST', '/upload', cookie, Buffer.from('order_no,sku,qty\n'));
    expect(res.status).toBe(200);
    const { uploadId } = JSON.parse(res.body) as { uploadId: string };
    expect(uploadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(uploads.take(uploadId)!.toString()).toBe('order_no,sku,qty\n');
    expect(uploads.take(uploadId)).toBeNull();
    expect(uploads.take('../etc/passwd')).toBeNull();
  });

  it('exactly 20 MB is taken', async () => {
    const res = await http('POST', '/upload', cookie, Buffer.alloc(UPLOAD_LIMIT_BYTES, 0x62));
    expect(res.status).toBe(200);
    const id = (JSON.parse(res.body) as { uploadId: string }).uploadId;
    expect(uploads.take(id)!.length).toBe(UPLOAD_LIMIT_BYTES);
  });

  it('needs the token and our Origin; a declared or streamed body past 20 MB is 413 with the limit said', async () => {
    expect((await http('POST', '/upload', {}, Buffer.from('x'))).status).toBe(401);
    expect(
      (await http('POST', '/upload', { ...cookie, origin: 'http://evil.example' }, Buffer.from('x'))).status,
    ).toBe(403);
    const big = Buffer.alloc(UPLOAD_LIMIT_BYTES + 1, 0x61);
    const declared = await http('POST', '/upload', cookie, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({
      error: 'the file is larger than 20 MB, the most an import takes',
    });
    const streamed = await http('POST', '/upload', { ...cookie, 'transfer-encoding': 'chunked' }, big);
    expect(streamed.status).toBe(413);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    expect(new UploadTooLargeError(5 * 1024 * 1024).message).toBe(
      'the file is larger than 5 MB, the most an import takes',
    );
    const exact = uploads.save(new Uint8Array(16), 16);
    expect(uploads.take(exact)!.length).toBe(16);
    expect(() => uploads.save(new Uint8Array(17), 16)).toThrow(UploadTooLargeError);
  });

  it('a station without uploads says so', async () => {
    const saved = uploads;
    uploads = undefined as never;
    try {
      const res = await http('POST', '/upload', cookie, Buffer.from('x'));
      expect([res.status, JSON.parse(res.body)]).toEqual([404, { error: 'this station takes no uploads' }]);
    } finally {
      uploads = saved;
    }
  });
});

describe('JSON-RPC', () => {
  const rpc = (frame: unknown) =>
    handleRpcFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), (m) => station.call(m));

  it('maps every failure to its JSON-RPC code, with the contract code in data', async () => {
    expect(await rpc({ jsonrpc: '2.0', id: 1, method: 'refuse' })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32000, message: 'no', data: { code: 'refused' } },
    });
    expect(await rpc({ jsonrpc: '2.0', id: 2, method: 'internal' })).toMatchObject({
      error: { code: -32603, data: { code: 'internal' } },
    });
    expect(await rpc({ jsonrpc: '2.0', id: 3, method: 'bad-result' })).toMatchObject({
      error: { code: -32603, data: { code: 'bad-result' } },
    });
    expect(await rpc({ jsonrpc: '2.0', id: 'x', method: 'ok' })).toEqual({
      jsonrpc: '2.0',
      id: 'x',
      result: { echo: 'ok' },
    });
    expect(await rpc('nope')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'parse error: not JSON' },
    });
    for (const frame of ['null', '[]', '7', '"s"'])
      expect(await rpc(frame), frame).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: 'invalid request: expected one JSON-RPC object' },
      });
    expect(await rpc({ jsonrpc: '1.0', id: 5, method: 'ok' })).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: { code: -32600, message: 'invalid request: needs jsonrpc "2.0" and a method' },
    });
    expect(await rpc({ jsonrpc: '2.0', id: 6, method: 7 })).toMatchObject({ id: 6, error: { code: -32600 } });
    expect(await rpc({ jsonrpc: '2.0', id: { x: 1 }, method: 'ok' })).toMatchObject({ id: null });
    // A notification (no id) gets no answer, even when it fails.
    expect(await rpc({ jsonrpc: '2.0', method: 'refuse' })).toBeNull();
    const issues = await handleRpcFrame(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'm' }), async () => ({
      ok: false,
      error: { code: 'bad-params', message: 'bad', issues: ['x: required'] },
    }));
    expect(issues).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: -32602, message: 'bad', data: { code: 'bad-params', issues: ['x: required'] } },
    });
    void ContractError;
  });

  it('over the socket: a binary frame is a parse error, a call that throws is logged and the socket lives on', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(TOKEN)}`);
    await new Promise((r) => ws.once('open', r));
    const next = () =>
      new Promise<Record<string, unknown>>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    let reply = next();
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await reply).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'parse error: binary frame' },
    });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'throws' }));
    reply = next();
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'refuse' }));
    expect(await reply).toMatchObject({ id: 2, error: { code: -32000 } });
    expect(warned).toContain('rpc error: no');
    // Pushed events reach the socket while it is open.
    reply = next();
    for (const l of listeners) l({ hello: 1 });
    expect(await reply).toMatchObject({ jsonrpc: '2.0', params: { hello: 1 } });
    ws.close();
  });

  it('a refused /rpc names the origin and host in the log', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(TOKEN)}`, {
      headers: { origin: 'http://evil.example' },
    });
    ws.on('error', () => undefined);
    await new Promise((r) => ws.once('unexpected-response', r));
    expect(warned).toContain(`refused /rpc from origin http://evil.example host 127.0.0.1:${server.port}`);
  });
});

describe('closing', () => {
  it('ends open sockets and stops listening', async () => {
    const own = await startHeadlessServer({ station: station as never, rendererDir: null, log, token: 't' });
    const ws = new WebSocket(`ws://127.0.0.1:${own.port}/rpc?token=t`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    expect(own.url).toBe(`http://127.0.0.1:${own.port}/?token=t`);
    await own.close();
    await closed;
    await expect(
      new Promise((resolve, reject) =>
        request({ host: '127.0.0.1', port: own.port, path: '/healthz' }, resolve).on('error', reject).end(),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(dir)).toBe(true);
  });
});
