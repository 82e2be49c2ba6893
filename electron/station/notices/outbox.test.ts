import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentLog } from '../../log';
import { openStore, type Store } from '../../store';
import { tempDir } from '../../testing';
import { Outbox, signBody } from './outbox';

let dir: string;
let cleanup: () => void;
let store: Store;
let server: Server;
let url: string;
let answers: number[];
const received: { at: string; key: string; signature: string; body: string }[] = [];
let clock = new Date('2026-11-30T08:00:00.000Z');
const now = () => clock;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'bench.db'));
  received.length = 0;
  answers = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({
        at: clock.toISOString(),
        key: String(req.headers['idempotency-key']),
        signature: String(req.headers['x-packbench-signature']),
        body,
      });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
});
afterEach(async () => {
  store.close();
  await new Promise((r) => server.close(r));
  cleanup();
});

const queue = (key: string, payload: object) =>
  store.db
    .prepare(
      "INSERT INTO outbox (kind, idempotency_key, payload, status, next_at, created_at) VALUES ('ship-notice', ?, ?, 'pending', ?, ?)",
    )
    .run(key, JSON.stringify(payload), clock.toISOString(), clock.toISOString());

it('signs with HMAC-SHA256 in hex, as RFC 4231 test case 2 says', () => {
  expect(signBody('what do ya want for nothing?', 'Jefe')).toBe(
    'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  );
});

it('retries with doubling backoff on the injected clock, with the same key and a valid signature every time', async () => {
  answers = [503, 503, 500];
  queue('ship-S1', { orderNo: 'SO1', waybillNo: 'W1' });
  const outbox = new Outbox(store.repos, { url, secret: 's3cret' }, silentLog, now);
  await outbox.flush(); // attempt 1 → 503
  advance(999);
  await outbox.flush(); // too early: nothing sent
  expect(received).toHaveLength(1);
  advance(1);
  await outbox.flush(); // attempt 2 at +1 s → 503
  advance(1999);
  await outbox.flush();
  expect(received).toHaveLength(2);
  advance(1);
  await outbox.flush(); // attempt 3 at +2 s more → 500
  advance(3999);
  await outbox.flush();
  expect(received).toHaveLength(3);
  advance(1);
  await outbox.flush(); // attempt 4 at +4 s more → 200
  await outbox.flush();
  expect(received.map((r) => r.at)).toEqual([
    '2026-11-30T08:00:00.000Z',
    '2026-11-30T08:00:01.000Z',
    '2026-11-30T08:00:03.000Z',
    '2026-11-30T08:00:07.000Z',
  ]);
  expect(new Set(received.map((r) => r.key))).toEqual(new Set(['ship-S1']));
  for (const r of received)
    expect(r.signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(r.body).digest('hex')}`);
  expect(store.db.prepare('SELECT status, attempts FROM outbox').get()).toEqual({
    status: 'delivered',
    attempts: 4,
  });
});

it('a notice still pending when the bench stops is delivered once after the restart, with its key', async () => {
  answers = [503];
  queue('ship-S2', { orderNo: 'SO2' });
  await new Outbox(store.repos, { url, secret: 'k' }, silentLog, now).flush();
  store.close();
  advance(60_000);
  store = openStore(join(dir, 'bench.db'));
  const again = new Outbox(store.repos, { url, secret: 'k' }, silentLog, now);
  await again.flush();
  await again.flush();
  expect(received.map((r) => r.key)).toEqual(['ship-S2', 'ship-S2']);
  expect(store.db.prepare('SELECT status FROM outbox').pluck().get()).toBe('delivered');
});
