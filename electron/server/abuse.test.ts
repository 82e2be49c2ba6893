import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config';
import { silentLog } from '../log';
import { Station } from '../station';
import { tempDir } from '../testing';
import WebSocket from 'ws';
import { QUEUED } from './connection';
import { startHeadlessServer, type HeadlessServer } from './index';

/**
 * What a hostile or broken client may send, as raw bytes on a socket (so no client library tidies the request up
 * first). After every case the station still answers /healthz.
 */
let dir: string;
let cleanup: () => void;
let station: Station;
let server: HeadlessServer;
const TOKEN = 'abuse-token';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packbench</title>');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve me');
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({ station: { id: 'ABUSE-1' } }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: '1',
    log: silentLog,
  });
  server = await startHeadlessServer({
    station,
    rendererDir,
    log: silentLog,
    token: TOKEN,
    headersTimeoutMs: 600,
  });
});
afterAll(async () => {
  await server.close();
  await station.close();
  cleanup();
});

/** Sends raw bytes; resolves with what came back (status line first) when the server closes or after `waitMs`. */
function raw(bytes: string | Buffer, waitMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcp(server.port, '127.0.0.1');
    let out = '';
    const done = () => {
      socket.destroy();
      resolve(out);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

const host = () => `127.0.0.1:${server.port}`;
const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
const get = (path: string, headers: string[] = []) =>
  raw(
    `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\n${headers.map((h) => `${h}\r\n`).join('')}Connection: close\r\n\r\n`,
  );
const healthy = async () =>
  expect(statusOf(await get('/healthz')), 'the station still answers /healthz after this case').toBe(200);

describe('bad cookies', () => {
  it.each([
    ['bad percent-encoding', `packbench_token=%E0`],
    ['bad encoding beside a good token', `packbench_token=%E0%A4%A; other=1`],
    ['many cookies', Array.from({ length: 500 }, (_, i) => `c${i}=${i}`).join('; ')],
    ['a huge cookie', `packbench_token=${'x'.repeat(12_000)}`],
    ['no name', `=${TOKEN}`],
  ])('%s: refused as unauthorized (or too large), never a crash', async (_what, cookie) => {
    const reply = await get('/', [`Cookie: ${cookie}`]);
    expect([401, 431]).toContain(statusOf(reply));
    await healthy();
  });

  it('the same cookies on the /rpc upgrade are refused too', async () => {
    for (const cookie of ['packbench_token=%E0', `packbench_token=${'y'.repeat(12_000)}`]) {
      const reply = await raw(
        `GET /rpc HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: ${cookie}\r\n\r\n`,
      );
      expect([401, 431]).toContain(statusOf(reply));
    }
    await healthy();
  });

  it('the good token in a cookie still opens the page', async () => {
    expect(statusOf(await get('/', [`Cookie: packbench_token=${TOKEN}`]))).toBe(200);
  });
});

describe('paths that try to leave the renderer folder', () => {
  it.each([
    '/../secret.txt',
    '/../../etc/passwd',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%2e%2e%5csecret.txt',
    '/%00/../secret.txt',
  ])('%s is not served', async (path) => {
    const reply = await get(path, [`Cookie: packbench_token=${TOKEN}`]);
    expect(reply).not.toContain('do not serve me');
    expect([400, 404]).toContain(statusOf(reply));
    await healthy();
  });
});

describe('methods, hosts and origins', () => {
  it('HEAD is answered like GET without a body; other methods are 405', async () => {
    const head = await raw(`HEAD /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(head)).toBe(200);
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await raw(
        `${method} / HTTP/1.1\r\nHost: ${host()}\r\nCookie: packbench_token=${TOKEN}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(statusOf(reply), method).toBe(405);
    }
    await healthy();
  });

  it.each([
    ['no Host', ''],
    ['a rebinding name', 'Host: evil.example'],
    ['two Hosts', `Host: ${'127.0.0.1:1'}\r\nHost: evil.example`],
    ['an empty Host', 'Host: '],
  ])('%s: 400 or 403, on /healthz too', async (_what, hostLine) => {
    const reply = await raw(
      `GET /healthz HTTP/1.1\r\n${hostLine ? `${hostLine}\r\n` : ''}Connection: close\r\n\r\n`,
    );
    expect([400, 403]).toContain(statusOf(reply));
    await healthy();
  });

  it('a foreign Origin cannot open /rpc or upload', async () => {
    const rpc = await raw(
      `GET /rpc?token=${TOKEN} HTTP/1.1\r\nHost: ${host()}\r\nOrigin: http://evil.example\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(statusOf(rpc)).toBe(403);
    const upload = await raw(
      `POST /upload HTTP/1.1\r\nHost: ${host()}\r\nOrigin: http://evil.example\r\nCookie: packbench_token=${TOKEN}\r\n` +
        `Content-Length: 3\r\nConnection: close\r\n\r\nabc`,
    );
    expect(statusOf(upload)).toBe(403);
    await healthy();
  });

  it('a request line that is not HTTP gets 400 and the socket is closed', async () => {
    expect(statusOf(await raw('HELLO THERE\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01])))).toBe(400); // a TLS hello
    await healthy();
  });
});

describe('slow clients', () => {
  it('a slowloris connection is cut once its headers take too long, and others are served meanwhile', async () => {
    const socket = tcp(server.port, '127.0.0.1');
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', () => undefined);
    socket.write(`GET / HTTP/1.1\r\nHost: ${host()}\r\n`);
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    await healthy();
    await closed;
    clearInterval(drip);
    await healthy();
  });
});

describe('a flooding client', () => {
  const connect = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`);
    await new Promise((r) => ws.once('open', r));
    return ws;
  };

  it('3 000 requests at once: every one answered, those past the queue refused unrun, another page still served', async () => {
    const flood = await connect();
    const page = await connect();
    const answers: { id: number; error?: { message: string; data: { code: string } } }[] = [];
    const allAnswered = new Promise<void>((resolve) =>
      flood.on('message', (d) => {
        const m = JSON.parse(d.toString()) as (typeof answers)[number];
        if (m.id === undefined) return;
        answers.push(m);
        if (answers.length === 3000) resolve();
      }),
    );
    for (let i = 1; i <= 3000; i++)
      flood.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'station.getState', params: {} }));
    // The other page asks once: it is answered while the flood is still being worked through.
    const other = await new Promise<{ id: number; result?: unknown }>((resolve) => {
      page.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { id?: number; result?: unknown };
        if (m.id === 7) resolve(m as { id: number; result?: unknown });
      });
      page.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'station.info', params: {} }));
    });
    expect(other.result).toMatchObject({ stationId: 'ABUSE-1' });
    await allAnswered;
    const refused = answers.filter((a) => a.error);
    // Past the queue's bound (and the few started meanwhile as answers went out) each was refused without running.
    expect(refused.length).toBeGreaterThan(2000);
    expect(refused[0]!.error).toMatchObject({
      message: /too many requests at once/,
      data: { code: 'refused' },
    });
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(QUEUED);
    expect(new Set(answers.map((a) => a.id)).size).toBe(3000);
    flood.terminate();
    page.terminate();
    await healthy();
  });
});
