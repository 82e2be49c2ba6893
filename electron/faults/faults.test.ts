import Sqlite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kdniaoBenchConfig, startKdniaoFake, type KdniaoFake } from '../carriers/fakes';
import { ScaleEmulator } from '../devices/scale';
import { cliPath, ptyPair, runCli, startServe, tempDir, waitFor, writeJson } from '../testing';
import { stationClient } from '../testing/rpc';

let dir: string;
let cleanup: () => void;
let fake: KdniaoFake;
const children: { kill(s?: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await startKdniaoFake('1234567', 'k');
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await fake.close();
  cleanup();
});

const kdniaoConfig = (extra: Record<string, unknown> = {}) =>
  writeJson(
    join(dir, 'config.json'),
    kdniaoBenchConfig(fake, dir, { stationId: 'FAULT-1', carriers: { timeoutMs: 3000 }, extra }),
  );

async function serve(config: string) {
  const s = await startServe(['--config', config]);
  children.push(s.child);
  const c = stationClient(s.url);
  await c.ready;
  return { ...s, c, origin: new URL(s.url).origin };
}

/** `packbench carrier book` with the KDNiao fake for one order (more arguments after). */
const bookKdniao = (config: string, orderNo: string, ...more: string[]) =>
  runCli(['carrier', 'book', '--carrier', 'kdniao', '--order', orderNo, '--config', config, ...more]);

const healthz = async (origin: string) => (await fetch(`${origin}/healthz`)).status;

async function pack(c: ReturnType<typeof stationClient>, orderNo: string, items: string[], grams: number) {
  for (const code of [orderNo, 'BOX-S', ...items]) await c.call('scan.submit', { code });
  await c.call('scale.setVirtual', { grams: 0 });
  await c.call('scale.setVirtual', { grams });
}

describe('a carrier answer that cannot be recorded', () => {
  it('a repeated waybill sets the shipment aside for a lead; serve stays up, restarts, and a lead books again', async () => {
    const config = kdniaoConfig();
    let s = await serve(config);
    await s.c.call('scan.submit', { code: 'U1001' });
    await pack(s.c, 'SO202611290002', ['6900012345141', '6900012345493', '6900012345493'], 912);
    await waitFor(() => s.c.state()?.box?.shipment?.status === 'booked', 8000, 'first box booked');
    const first = s.c.state()!.box!.shipment!.waybillNo!;
    await s.c.call('scan.submit', { code: first });
    await waitFor(() => s.c.state()?.box === null, 3000, 'first box closed');

    fake.restart(); // the sandbox forgets, and hands out its first number again
    await pack(s.c, 'SO202611290001', ['6900012345004', '6900012345004'], 700);
    await waitFor(() => s.c.state()?.box?.shipment?.status === 'attention', 8000, 'set aside');
    expect(s.c.state()!.box!.shipment!.failure).toContain(`gave waybill ${first}, which shipment 1`);
    expect(s.c.state()!.feedback).toMatchObject({ kind: 'booking-attention' });
    expect(await healthz(s.origin)).toBe(200);

    // Killed and started again: it comes up, and the set-aside booking is not retried by itself.
    s.child.kill('SIGKILL');
    await new Promise((r) => s.child.once('exit', r));
    s.c.close();
    const calls = fake.calls.length;
    s = await serve(config);
    await new Promise((r) => setTimeout(r, 3500)); // longer than the resolve interval
    expect(fake.calls.length).toBe(calls);
    await s.c.call('scan.submit', { code: 'U1001' });
    const state = (await s.c.call('station.getState')) as { box: { shipment: { status: string } } };
    expect(state.box.shipment.status).toBe('attention');

    // A held number cannot be entered by hand; booking again cancels the named waybill and uses a new key.
    expect(
      await s.c.call('box.enterWaybill', { waybillNo: first, lead: '李主管', pin: '2468', reason: 'typed' }),
    ).toEqual({ error: expect.stringContaining(`waybill ${first} is already held by shipment 1`) });
    const again = await s.c.call('box.rebook', {
      carrier: 'kdniao',
      lead: '李主管',
      pin: '2468',
      reason: 'dup',
    });
    expect(again).toMatchObject({ kind: 'booked' });
    const db = new Sqlite(join(dir, 'bench.db'), { readonly: true });
    const rows = db.prepare('SELECT idempotency_key, status, waybill_no FROM shipments ORDER BY id').all();
    db.close();
    expect(rows).toEqual([
      { idempotency_key: expect.any(String), status: 'booked', waybill_no: first },
      { idempotency_key: expect.stringMatching(/-1$/), status: 'cancelled', waybill_no: null },
      { idempotency_key: expect.stringMatching(/-2$/), status: 'booked', waybill_no: '731000000002' },
    ]);
  });
});

describe('the WebSocket', () => {
  it('a 2 MiB message and an invalid UTF-8 frame close that socket alone (1009, 1007); serve keeps serving', async () => {
    const s = await serve(kdniaoConfig());
    const u = new URL(s.url);
    const open = async () => {
      const ws = new WebSocket(`ws://${u.host}/rpc?token=${u.searchParams.get('token')}`);
      ws.on('error', () => undefined);
      await new Promise((r) => ws.once('open', r));
      return ws;
    };
    const closed = (ws: WebSocket) => new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const big = await open();
    const bigClosed = closed(big);
    big.send('x'.repeat(2 * 1024 * 1024));
    expect(await bigClosed).toBe(1009);
    const bad = await open();
    const badClosed = closed(bad);
    bad.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await badClosed).toBe(1007);
    expect(await healthz(s.origin)).toBe(200);
    expect(await s.c.call('station.info')).toMatchObject({ stationId: 'FAULT-1' });
    expect(s.child.exitCode).toBeNull();
  });

  it('uploads past the limit are refused with the limit in words', async () => {
    const s = await serve(kdniaoConfig());
    const res = await fetch(`${s.origin}/upload`, {
      method: 'POST',
      headers: { Cookie: `packbench_token=${new URL(s.url).searchParams.get('token')}` },
      body: Buffer.alloc(21 * 1024 * 1024, 0x41),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe(
      'the file is larger than 20 MB, the most an import takes',
    );
    expect(await healthz(s.origin)).toBe(200);
  });
});

describe('a serial scale unplugged mid-box', () => {
  it('does not weigh the box with the reading from before the unplug, and says the scale is disconnected', async () => {
    const pty = await ptyPair(dir, 'scale');
    const emulator = new ScaleEmulator({
      path: pty.b,
      protocol: 'toledo-continuous',
      grams: 0,
      intervalMs: 40,
    });
    await emulator.start();
    try {
      const s = await serve(
        kdniaoConfig({ scale: { kind: 'serial', port: pty.a, protocol: 'toledo-continuous' } }),
      );
      await s.c.call('scan.submit', { code: 'U1001' });
      for (const code of ['SO202611290002', 'BOX-S', '6900012345141', '6900012345493'])
        await s.c.call('scan.submit', { code });
      emulator.set({ grams: 912 }, 100); // the box sits on the scale while packing
      await new Promise((r) => setTimeout(r, 600));
      await emulator.close();
      await pty.unplug();
      await waitFor(() => s.c.state()?.scaleConnected === false, 20_000, 'scale disconnected');
      await s.c.call('scan.submit', { code: '6900012345493' }); // the last item
      await new Promise((r) => setTimeout(r, 1500));
      const state = (await s.c.call('station.getState')) as {
        phase: string;
        box: { weight: { grams: null } };
      };
      expect(state.phase).toBe('weighing');
      expect(state.box.weight.grams).toBeNull();
      expect(fake.bookings).toHaveLength(0);
    } finally {
      await emulator.close().catch(() => undefined);
      await pty.unplug();
    }
  }, 60_000);
});

describe('bookings across processes', () => {
  it('carrier book killed mid-call, then run again: the rerun resolves the same key, one waybill at the carrier', async () => {
    const config = kdniaoConfig();
    await runCli(['users', 'list', '--config', config]); // creates the database with its demo orders
    fake.fault = 'stall-after-commit';
    fake.stallMs = 30_000;
    const child = spawn(
      process.execPath,
      [cliPath, 'carrier', 'book', '--carrier', 'kdniao', '--order', 'SO202611290003', '--config', config],
      { stdio: 'ignore' },
    );
    children.push(child);
    await waitFor(() => fake.bookings.length === 1, 8000, 'the carrier committed');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    fake.fault = 'none';
    const rerun = await bookKdniao(config, 'SO202611290003', '--json');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({
      kind: 'booked',
      resumed: true,
      key: 'order-SO202611290003-p1-1',
      waybillNo: fake.bookings[0]!.LogisticCode,
    });
    expect(fake.bookings).toHaveLength(1);
    // A third run is refused, naming the waybill; a second parcel is its own booking.
    const third = await bookKdniao(config, 'SO202611290003');
    expect(third.code).toBe(1);
    expect(third.stderr.trim()).toBe(
      `order SO202611290003 parcel 1 already has waybill ${fake.bookings[0]!.LogisticCode} (kdniao); a second parcel needs --parcel 2; to replace it, cancel it first`,
    );
    const parcel2 = await bookKdniao(config, 'SO202611290003', '--parcel', '2');
    expect(parcel2.code).toBe(0);
    expect(fake.bookings.map((b) => b.OrderCode)).toEqual([
      'order-SO202611290003-p1-1',
      'order-SO202611290003-p2-1',
    ]);
  });

  it('an order booked from the command line and then packed: the box takes that waybill, nothing is booked again', async () => {
    const config = kdniaoConfig();
    const booked = await bookKdniao(config, 'SO202611290002', '--json');
    expect(booked.code, booked.stderr).toBe(0);
    const waybill = JSON.parse(booked.stdout).waybillNo as string;
    const s = await serve(config);
    await s.c.call('scan.submit', { code: 'U1001' });
    await pack(s.c, 'SO202611290002', ['6900012345141', '6900012345493', '6900012345493'], 912);
    await waitFor(() => s.c.state()?.box?.shipment?.status === 'booked', 8000, 'booked');
    expect(s.c.state()!.box!.shipment!.waybillNo).toBe(waybill);
    expect(fake.bookings).toHaveLength(1);
  });

  it('two serve on one database: the second refuses and names the first; read-only commands still work', async () => {
    const config = kdniaoConfig();
    const first = await serve(config);
    const second = await runCli(['serve', '--port', '0', '--config', config]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(
      new RegExp(
        `bench\\.db is in use by packbench serve \\(pid ${first.child.pid} on .+, since .+\\): one station per database`,
      ),
    );
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const book = await bookKdniao(config, 'SO202611290003');
    expect(book.code).toBe(1);
    expect(book.stderr).toContain('is in use by packbench serve');
    for (const args of [
      ['config', 'print'],
      ['mismatches', 'export', '--out', join(dir, 'm.csv')],
      ['db', 'backup', join(dir, 'copy.db')],
    ]) {
      const r = await runCli([...args, '--config', config]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expect(await healthz(first.origin)).toBe(200);
  });
});

describe('smaller things', () => {
  it('a URL printed for 127.0.0.2 answers; /healthz checks Host; a refused host is one line', async () => {
    const s = await startServe(['--host', '127.0.0.2', '--config', kdniaoConfig()]);
    children.push(s.child);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?token=/);
    expect((await fetch(s.url)).status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const u = new URL(s.url);
      request(
        { host: u.hostname, port: u.port, path: '/healthz', headers: { Host: 'evil.example:80' } },
        (res) => resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(403);
    const refused = await runCli(['serve', '--host', '0.0.0.0', '--config', join(dir, 'config.json')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'refusing to listen on 0.0.0.0: the bench API would be open to the network; pass --allow-remote to mean it',
    ]);
  });
});
