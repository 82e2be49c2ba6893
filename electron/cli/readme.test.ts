import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopeeOrderFixture, startKdniaoFake, startShopeeFake } from '../carriers/fakes';
import { ConfigSchema } from '../config';
import { CapturePrinter } from '../devices/printer';
import { ScaleEmulator } from '../devices/scale';
import { silentLog } from '../log';
import { Station } from '../station';
import { cliPath, ptyPair, repoRoot, runCli, startServe, tempDir, waitFor, writeJson } from '../testing';
import { buildProgram } from './program';
import { Warehouse } from '../store';
import { startPostgres, type PgCluster } from '../testing/postgres';

/**
 * The README's command table is the contract with IT: every row names a command the program has, with exactly the
 * options it takes, and has a case below that runs it as documented and checks what it prints and its exit code. A
 * row added without a case, an option added without its row, fails here.
 */
interface Row {
  path: string;
  options: string[];
}

function readmeRows(): Row[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The `packbench` command'), readme.indexOf('## Packing'));
  const rows: Row[] = [];
  for (const line of section.split('\n').filter((l) => l.startsWith('| `packbench'))) {
    const cell = line.split(/(?<!\\)\|/)[1]!;
    for (const [, usage] of cell.matchAll(/`(packbench[^`]*)`/g)) {
      const tokens = usage!.split(/\s+/).slice(1);
      const path: string[] = [];
      for (const t of tokens) {
        if (!/^[a-z][a-z-]*$/.test(t)) break;
        path.push(t);
      }
      rows.push({
        path: path.join(' ') || usage!.trim(),
        options: [...usage!.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]),
      });
    }
  }
  return rows;
}

function programCommands(): Row[] {
  const rows: Row[] = [];
  const walk = (c: Command, path: string[]) => {
    if (c.commands.length === 0)
      rows.push({ path: path.join(' '), options: c.options.map((o) => o.long!).filter(Boolean) });
    for (const sub of c.commands) walk(sub, [...path, sub.name()]);
  };
  walk(buildProgram('/nowhere'), []);
  return rows;
}

let dir: string;
let cleanup: () => void;
let config: string;
let home: string;
const env = () => ({ PACKBENCH_HOME: home, PACKBENCH_CONFIG: '' });
const cli = async (args: string[], code = 0, extraEnv: NodeJS.ProcessEnv = {}) => {
  const r = await runCli(args, { ...env(), ...extraEnv });
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(code);
  if (code !== 0) expect(r.stderr, 'a failure is one line or a list, never a stack').not.toMatch(/\n\s+at /);
  return r;
};

/** A command's --json output, parsed (the command must succeed). */
const json = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  JSON.parse((await cli([...args, '--json'], 0, extraEnv)).stdout);
const bookPool = (order: string) =>
  json(['carrier', 'book', '--carrier', 'pool', '--order', order, '--config', config]);

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  home = join(dir, 'home');
  config = writeJson(join(dir, 'bench.json'), {
    station: { id: 'README-1' },
    database: { path: 'bench.db' },
    demoData: true,
    printers: { label: { uri: `file:${join(dir, 'labels')}/`, language: 'zpl' } },
    handover: { manifestDir: 'manifests-here' },
  });
});
let pg: PgCluster | null = null;
/** A warehouse config beside the bench's, on a throw-away PostgreSQL started for the first warehouse row. */
async function warehouseConfig(): Promise<string> {
  if (!pg) pg = await startPostgres();
  const url = pg.url('postgres');
  return writeJson(join(dir, 'warehouse.json'), {
    station: { id: 'README-W1' },
    database: { path: 'bench-w.db' },
    warehouse: { postgresUrl: url },
  });
}
afterAll(() => {
  pg?.stop();
  cleanup();
});

/** One case per README row: runs the command as documented, checks the output's shape and the exit code. */
const CASES: Record<string, () => Promise<void>> = {
  serve: async () => {
    const s = await startServe(['--config', config, '--host', '127.0.0.1', '--port', '0'], env());
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const health = (await (await fetch(`${new URL(s.url).origin}/healthz`)).json()) as Record<
        string,
        unknown
      >;
      expect(Object.keys(health).sort()).toEqual(['devices', 'ok', 'stationId', 'version']);
    } finally {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }
    const busy = await cli(['serve', '--port', 'abc', '--config', config], 1);
    expect(busy.stderr.trim()).toBe('--port must be a whole number from 0 to 65535, got "abc"');
    // Order pushes on their own listener: a push without a signature is refused there.
    const hooked = writeJson(join(dir, 'hooked.json'), {
      database: { path: 'hooked.db' },
      feeds: { orders: [{ name: 'shop', webhookSecret: 'whsec-readme-123' }] },
    });
    const h = await startServe(['--config', hooked, '--hooks', '127.0.0.1:0'], env());
    try {
      const at = /order hooks at (http:\/\/\S+)\/hooks\/orders\/FEED/.exec(h.output())![1]!;
      const res = await fetch(`${at}/hooks/orders/shop`, { method: 'POST', body: '{"orders":[]}' });
      expect(res.status).toBe(401);
    } finally {
      h.child.kill('SIGTERM');
      await new Promise((r) => h.child.once('exit', r));
    }
    expect((await cli(['serve', '--hooks', 'nowhere', '--config', config], 1)).stderr.trim()).toBe(
      '--hooks must be HOST:PORT, got "nowhere"',
    );
  },
  'tracking poll': async () => {
    const r = JSON.parse((await cli(['tracking', 'poll', '--config', config, '--json'])).stdout);
    expect(r).toMatchObject({ asked: expect.any(Number), changed: expect.any(Number), failed: [] });
    expect((await cli(['tracking', 'poll', '--config', config])).stdout).toMatch(
      /^\d+ parcel\(s\) newly followed, \d+ asked, \d+ with a new status$/m,
    );
  },
  'feeds pull': async () => {
    const feedServer = createServer((req, res) => {
      const cursor = new URL(req.url ?? '/', 'http://x').searchParams.get('cursor');
      const body =
        cursor === null
          ? {
              orders: [
                {
                  orderNo: 'FD-1',
                  status: 'released',
                  receiver: {
                    name: '陈静',
                    phone: '136',
                    province: '四川省',
                    city: '成都市',
                    address: '天府大道 1 号',
                  },
                  lines: [{ sku: 'TEA-LJ-250', qty: 1 }],
                },
                { orderNo: 'FD-2' },
              ],
              next: 'p2',
              more: false,
            }
          : { orders: [], next: cursor, more: false };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', () => r()));
    try {
      const feedConfig = writeJson(join(dir, 'feeds.json'), {
        database: { path: 'feeds.db' },
        feeds: {
          orders: [
            { name: 'shop', url: `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/orders` },
          ],
        },
      });
      const r = await cli(['feeds', 'pull', '--name', 'shop', '--config', feedConfig], 1);
      expect(r.stdout).toMatch(/^feed shop: 1 page\(s\), 1 order\(s\) written, 0 unchanged, cursor p2$/m);
      expect(r.stderr).toContain('record 1 (FD-2) refused: status:');
      const again = JSON.parse(
        (await cli(['feeds', 'pull', '--name', 'shop', '--config', feedConfig, '--json'])).stdout,
      );
      expect(again).toMatchObject({ feed: 'shop', pages: 1, written: 0, cursor: 'p2' });
      expect((await cli(['feeds', 'pull', '--name', 'nope', '--config', feedConfig], 1)).stderr.trim()).toBe(
        'no feed nope in feeds.orders (shop)',
      );
    } finally {
      feedServer.close();
    }
    // Shopee's orders to ship, from its Open Platform (a fake that checks the signature and the token).
    const shopee = await startShopeeFake(2001234, 'shpk-key', 770001);
    try {
      shopee.orders.set('2611300AAA', shopeeOrderFixture('2611300AAA'));
      const shopeeConfig = writeJson(join(dir, 'shopee.json'), {
        database: { path: 'shopee.db' },
        platforms: {
          shopee: {
            baseUrl: shopee.url,
            partnerId: 2001234,
            partnerKey: 'shpk-key',
            shopId: 770001,
            accessToken: 'access-1',
            refreshToken: 'refresh-1',
          },
        },
      });
      expect((await cli(['feeds', 'pull', '--name', 'shopee', '--config', shopeeConfig])).stdout.trim()).toBe(
        'feed shopee: 1 page(s), 1 order(s) written',
      );
    } finally {
      await shopee.close();
    }
  },
  'config check': async () => {
    expect((await cli(['config', 'check', config])).stdout.trim()).toBe(`ok: ${config}`);
    const bad = writeJson(join(dir, 'bad.json'), { demoData: 'yes', weight: { toleranceGrams: -1 } });
    const r = await cli(['config', 'check', bad], 1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(3);
  },
  'config print': async () => {
    const out = JSON.parse((await cli(['config', 'print', '--config', config])).stdout);
    expect(Object.keys(out)).toEqual(['source', 'databasePath', 'config']);
  },
  'db backup': async () => {
    const r = await cli(['db', 'backup', join(dir, 'copy.db'), '--config', config]);
    expect(r.stdout).toMatch(/^backed up .*bench\.db -> .*copy\.db \(\d+ pages\)$/m);
    writeFileSync(join(dir, 'garbage.db'), 'this is not sqlite at all, just text'.repeat(200));
    const bad = await cli(['db', 'backup', join(dir, 'x.db'), '--database', join(dir, 'garbage.db')], 1);
    expect(bad.stderr).toMatch(/garbage\.db is not a readable Packbench database/);
  },
  'db adopt': async () => {
    // Not an installed bench (Node runs it), so there is no per-machine folder to move a user's database into.
    const r = await cli(['db', 'adopt', '--lead', '李主管', '--pin', '2468'], 1);
    expect(r.stderr).toMatch(/nothing to move: this bench has no older database in a Windows user folder/);
  },
  'db seed': async () => {
    // Its own database: a year of history would change what the other commands here read.
    const seedConfig = join(dir, 'seed.json');
    writeFileSync(
      seedConfig,
      JSON.stringify({ station: { id: 'SEED-1' }, database: { path: 'seed.db' }, demoData: true }),
    );
    const r = await cli([
      'db',
      'seed',
      '--boxes',
      '600',
      '--mismatches',
      '60',
      '--days',
      '6',
      '--config',
      seedConfig,
    ]);
    expect(r.stdout).toMatch(
      /^seeded 600 boxes over 6 days, 60 with a mismatch \(\d+ mismatch rows\) in [\d.]+ s$/m,
    );
    // What packing would have left: the log, one batch handed over a day, every box closed.
    const daily = JSON.parse(
      (
        await cli([
          'handover',
          'daily',
          '--from',
          '2000-01-01',
          '--to',
          '2999-12-31',
          '--json',
          '--config',
          seedConfig,
        ])
      ).stdout,
    );
    expect(daily.reduce((n: number, d: { boxes: number }) => n + d.boxes, 0)).toBe(600);
    const csv = join(dir, 'seed.csv');
    expect((await cli(['mismatches', 'export', '--out', csv, '--config', seedConfig])).stdout).toMatch(
      /^\d+ mismatches/,
    );
    // A database with packed boxes is not seeded over by mistake.
    const again = await cli(['db', 'seed', '--boxes', '5', '--config', seedConfig], 1);
    expect(again.stderr).toContain('600 packed boxes of real work: add --force');
    await cli(['db', 'seed', '--boxes', '0', '--config', seedConfig], 1);
  },
  'db archive': async () => {
    // Its own database: 200 days of history, of which all but the last 30 go to the monthly files.
    const archiveConfig = join(dir, 'archive.json');
    writeFileSync(
      archiveConfig,
      JSON.stringify({ station: { id: 'ARC-1' }, database: { path: 'arc/arc.db' }, retention: { days: 30 } }),
    );
    await cli(['db', 'seed', '--boxes', '200', '--days', '200', '--config', archiveConfig]);
    const r = await cli(['db', 'archive', '--config', archiveConfig]);
    const m =
      /^archived (\d+) boxes closed over 30 days ago \((\d+) events, 0 labels\) to (.+) in [\d.]+ s$/m.exec(
        r.stdout,
      );
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(160);
    expect(m![3]).toContain(join(dir, 'arc', 'archive'));
    expect((await cli(['db', 'archive', '--days', '7', '--config', archiveConfig])).stdout).toMatch(
      /^archived \d+ boxes closed over 7 days ago/m,
    );
    expect((await cli(['db', 'archive', '--days', '7', '--config', archiveConfig])).stdout).toMatch(
      /^archived 0 boxes .* to no file/m,
    );
  },
  'orders import': async () => {
    writeFileSync(join(dir, 'o.csv'), 'order_no,sku,qty\nRM-1,TEA-LJ-250,2\n');
    const r = JSON.parse(
      (await cli(['orders', 'import', join(dir, 'o.csv'), '--config', config, '--json'])).stdout,
    );
    expect(r).toMatchObject({ kind: 'orders', committed: true, imported: 1 });
  },
  'products import': async () => {
    const file = join(repoRoot, 'electron', 'intake', 'fixtures', 'products-utf8.csv');
    const r = JSON.parse((await cli(['products', 'import', file, '--config', config, '--json'])).stdout);
    expect(r).toMatchObject({ kind: 'products', committed: true });
    expect(
      (await cli(['products', 'import', join(dir, 'missing.csv'), '--config', config], 1)).stderr.trim(),
    ).toBe(`no such file or folder: ${join(dir, 'missing.csv')}`);
  },
  'mismatches export': async () => {
    const out = join(dir, 'm.csv');
    const r = await cli([
      'mismatches',
      'export',
      '--out',
      out,
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--packer',
      '张伟',
      '--sku',
      'TEA-LJ-250',
      '--type',
      'over-scan',
      '--config',
      config,
    ]);
    expect(r.stdout.trim()).toBe(`0 mismatches -> ${out}`);
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await cli(['mismatches', 'export', '--out', out, '--from', '2026-02-30', '--config', config], 1);
  },
  'users add': async () => {
    const r = await cli([
      'users',
      'add',
      '--name',
      '王芳',
      '--role',
      'packer',
      '--badge',
      'U7001',
      '--pin',
      '4321',
      '--config',
      config,
    ]);
    expect(r.stdout.trim()).toBe('added packer 王芳');
    const none = await cli(['users', 'add', '--name', 'X', '--role', 'packer', '--config', config], 1);
    expect(none.stderr.trim()).toBe('give --badge, --pin or both: a user with neither could never log in');
  },
  'users list': async () => {
    // A fresh data folder, no config: the embedded default's demo users are there at once.
    const fresh = await cli(['users', 'list', '--json'], 0, { PACKBENCH_HOME: join(dir, 'fresh-home') });
    expect(JSON.parse(fresh.stdout).map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['张伟', 'Amy Chen', '李主管', 'admin']),
    );
    const text = (await cli(['users', 'list', '--config', config])).stdout.trim().split('\n');
    // Columns line up in a terminal, Chinese names included: "badge" starts at the same column on every line.
    const col = (l: string) =>
      [...l.slice(0, l.search(/(badge|U\d{4}|L\d{4}|A\d{4})\s*$/))].reduce(
        (w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1),
        0,
      );
    const rows = text.filter((l) => /badge|U\d{4}|L\d{4}|A\d{4}/.test(l));
    expect(new Set(rows.map(col)).size).toBe(1);
  },
  'scanner listen': async () => scannerCase(),
  'sim scanner': async () => scannerCase(),
  'scale read': async () => {
    const pty = await ptyPair(dir, 'read');
    const emulator = new ScaleEmulator({ path: pty.b, protocol: 'sics', grams: 1234, intervalMs: 40 });
    await emulator.start();
    try {
      const r = await cli([
        'scale',
        'read',
        '--port',
        pty.a,
        '--protocol',
        'sics',
        '--baud',
        '9600',
        '--parity',
        'none',
        '--data-bits',
        '8',
        '--unit',
        'kg',
        '--count',
        '2',
        '--json',
      ]);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ grams: 1234, stable: true, unit: 'g' });
      await cli(['scale', 'read', '--port', pty.a, '--protocol', 'sics', '--unit', 'stone'], 1);
    } finally {
      await emulator.close();
      await pty.unplug();
    }
  },
  'scale detect': async () => {
    const pty = await ptyPair(dir, 'detect');
    const emulator = new ScaleEmulator({ path: pty.b, protocol: 'ohaus', grams: 500, intervalMs: 40 });
    await emulator.start();
    try {
      const r = await cli(['scale', 'detect', '--port', pty.a, '--listen-ms', '450']);
      expect(r.stdout).toMatch(/^use: "protocol": "ohaus"/m);
      const j = JSON.parse(
        (await cli(['scale', 'detect', '--port', pty.a, '--listen-ms', '450', '--json'])).stdout,
      );
      expect(j.use).toBe('ohaus');
    } finally {
      await emulator.close();
      await pty.unplug();
    }
  },
  'sim scale': async () => {
    const pty = await ptyPair(dir, 'sim');
    const sim = spawn(
      process.execPath,
      [
        cliPath,
        'sim',
        'scale',
        '--port',
        pty.b,
        '--protocol',
        'ascii',
        '--grams',
        '812',
        '--motion-ms',
        '0',
        '--interval-ms',
        '50',
        '--garbage',
      ],
      { stdio: 'pipe' },
    );
    try {
      const r = await cli([
        'scale',
        'read',
        '--port',
        pty.a,
        '--protocol',
        'ascii',
        '--count',
        '3',
        '--json',
      ]);
      expect(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).grams),
      ).toContain(812);
    } finally {
      sim.kill('SIGTERM');
      await new Promise((r) => sim.once('exit', r));
      await pty.unplug();
    }
  },
  'label render': async () => {
    // A fresh data folder: the demo orders are there before any serve.
    const png = join(dir, 'label.png');
    await cli(['label', 'render', '--order', 'SO202611290001', '--out', png], 0, {
      PACKBENCH_HOME: join(dir, 'fresh-label'),
    });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const zpl = join(dir, 'label.zpl');
    await cli([
      'label',
      'render',
      '--order',
      'SO202611290001',
      '--size',
      '4x6',
      '--dpi',
      '300',
      '--format',
      'zpl',
      '--out',
      zpl,
      '--config',
      config,
    ]);
    expect(readFileSync(zpl, 'latin1')).toMatch(/^\^XA/);
    const missing = await cli(
      [
        'label',
        'render',
        '--order',
        'SO202611290001',
        '--out',
        join(dir, 'no', 'such', 'x.png'),
        '--config',
        config,
      ],
      1,
    );
    expect(missing.stderr.trim()).toMatch(/^no such file or folder: /);
    // 跨境: an order abroad has its CN22/CN23 and commercial invoice; a bad declaration says what to fix.
    writeFileSync(
      join(dir, 'xb-products.csv'),
      'sku,name,barcodes,unit_weight_g,hs_code,customs_name_en,origin_country\nXB-MUG,马克杯,6900000000901,350,6912.00.10,Ceramic mug,CN\nXB-TEA,茶,6900000000902,280,,Green tea,CN\n',
    );
    writeFileSync(
      join(dir, 'xb-orders.csv'),
      'order_no,sku,qty,receiver,phone,address,country,declared_value,currency\nXB-R1,XB-MUG,2,John Smith,+1 212 555 0100,350 5th Ave,US,12.50,USD\nXB-R2,XB-TEA,1,Anna Müller,+49 30 1,Unter den Linden 1,DE,30,EUR\n',
    );
    await cli(['products', 'import', join(dir, 'xb-products.csv'), '--config', config]);
    await cli(['orders', 'import', join(dir, 'xb-orders.csv'), '--config', config]);
    for (const [document, says] of [
      ['invoice', /: commercial invoice of XB-R1, 1 line\(s\), 25\.00 USD$/],
      ['cn23', /: CN22 of XB-R1, 1 line\(s\), 25\.00 USD$/],
    ] as const) {
      const out = join(dir, `xb-${document}.pdf`);
      const r = await cli([
        'label',
        'render',
        '--order',
        'XB-R1',
        '--document',
        document,
        '--format',
        'pdf',
        '--out',
        out,
        '--config',
        config,
      ]);
      expect(r.stdout.trim()).toMatch(says);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const blocked = await cli(
      [
        'label',
        'render',
        '--order',
        'XB-R2',
        '--document',
        'invoice',
        '--format',
        'pdf',
        '--out',
        join(dir, 'x.pdf'),
        '--config',
        config,
      ],
      1,
    );
    expect(blocked.stderr.trim()).toBe('order XB-R2: the declaration is blocked: XB-TEA has no HS code');
    const domestic = await cli(
      [
        'label',
        'render',
        '--order',
        'SO202611290001',
        '--document',
        'cn23',
        '--format',
        'pdf',
        '--out',
        join(dir, 'x.pdf'),
        '--config',
        config,
      ],
      1,
    );
    expect(domestic.stderr.trim()).toBe('order SO202611290001 is not going abroad: it has no customs papers');
  },
  'print test': async () => {
    const printer = new CapturePrinter('tspl');
    const port = await printer.start(0);
    try {
      const r = await cli([
        'print',
        'test',
        '--printer',
        `tcp://127.0.0.1:${port}`,
        '--language',
        'tspl',
        '--size',
        '76x130',
        '--dpi',
        '203',
      ]);
      expect(r.stdout.trim()).toMatch(
        new RegExp(`^sent \\d+ bytes of tspl to tcp://127\\.0\\.0\\.1:${port}$`),
      );
      await waitFor(() => printer.jobs.length === 1, 3000, 'the job');
    } finally {
      await printer.stop();
    }
  },
  'printer status': async () => {
    const printer = new CapturePrinter('zpl');
    const port = await printer.start(0);
    try {
      const uri = `tcp://127.0.0.1:${port}`;
      expect(
        JSON.parse(
          (await cli(['printer', 'status', '--printer', uri, '--language', 'zpl', '--json'])).stdout,
        ),
      ).toMatchObject({ condition: 'ready' });
      printer.condition = 'offline';
      expect((await cli(['printer', 'status', '--printer', uri, '--language', 'zpl'], 2)).stdout).toContain(
        'offline',
      );
      printer.condition = 'paused';
      expect((await cli(['printer', 'status', '--printer', uri, '--language', 'zpl'], 2)).stdout).toContain(
        'paused',
      );
      await cli(['printer', 'status', '--printer', uri, '--language', 'ipl'], 1);
    } finally {
      await printer.stop();
    }
  },
  'sim printer': async () => {
    const sim = spawn(
      process.execPath,
      [
        cliPath,
        'sim',
        'printer',
        '--port',
        '0',
        '--language',
        'escpos',
        '--status',
        'cover-open',
        '--dir',
        join(dir, 'jobs'),
      ],
      { stdio: 'pipe' },
    );
    let out = '';
    sim.stdout.on('data', (d) => (out += d));
    try {
      const port = Number(
        (await waitFor(() => /tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out), 5000, 'sim printer'))[1],
      );
      const r = await cli(
        ['printer', 'status', '--printer', `tcp://127.0.0.1:${port}`, '--language', 'escpos'],
        2,
      );
      expect(r.stdout).toContain('cover-open');
      const bad = await cli(
        ['sim', 'printer', '--port', '0', '--language', 'zpl', '--status', 'cover-open'],
        1,
      );
      expect(bad.stderr.trim()).toBe(
        '--status cover-open cannot be reported by a zpl printer; it reports ready, paper-out, paused, head-open, error, offline',
      );
    } finally {
      sim.kill('SIGTERM');
      await new Promise((r) => sim.once('exit', r));
    }
  },
  'carrier book': async () => {
    const r = JSON.parse(
      (
        await cli([
          'carrier',
          'book',
          '--carrier',
          'pool',
          '--order',
          'SO202611290010',
          '--parcel',
          '1',
          '--weight-grams',
          '800',
          '--config',
          config,
          '--json',
        ])
      ).stdout,
    );
    expect(r).toMatchObject({
      kind: 'booked',
      key: 'order-SO202611290010-p1-1',
      waybillNo: expect.any(String),
    });
    const again = await cli(
      ['carrier', 'book', '--carrier', 'pool', '--order', 'SO202611290010', '--config', config],
      1,
    );
    expect(again.stderr).toContain(`already has waybill ${r.waybillNo}`);
  },
  'carrier cancel': async () => {
    const booked = await bookPool('SO202611290011');
    const r = await json([
      'carrier',
      'cancel',
      '--carrier',
      'pool',
      '--waybill',
      booked.waybillNo,
      '--config',
      config,
    ]);
    expect(r).toMatchObject({ ok: true });
    // Cancelled: the next try books with a new key.
    expect((await bookPool('SO202611290011')).key).toBe('order-SO202611290011-p1-2');
  },
  'carrier track': async () => {
    const pool = await cli(
      ['carrier', 'track', '--carrier', 'pool', '--waybill', 'X1', '--config', config],
      1,
    );
    expect(pool.stderr.trim()).toMatch(/^the waybill pool has no tracking/);
    const fake = await startKdniaoFake('1234567', 'k');
    try {
      const kd = writeJson(join(dir, 'kd.json'), {
        database: { path: 'kd.db' },
        carriers: {
          kdniao: {
            baseUrl: `${fake.url}/api/EOrderService`,
            eBusinessId: '1234567',
            appKey: 'k',
            shipperCode: 'ZTO',
          },
        },
      });
      const r = await cli([
        'carrier',
        'track',
        '--carrier',
        'kdniao',
        '--waybill',
        '731000000001',
        '--config',
        kd,
      ]);
      expect(r.stdout.split('\n')[0]).toMatch(/^731000000001: /);
      expect(
        JSON.parse(
          (
            await cli([
              'carrier',
              'track',
              '--carrier',
              'kdniao',
              '--waybill',
              '731000000001',
              '--config',
              kd,
              '--json',
            ])
          ).stdout,
        ).events.length,
      ).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  },
  'carrier test': async () => {
    expect((await cli(['carrier', 'test', '--carrier', 'pool', '--config', config])).stdout.trim()).toMatch(
      /^ok: \d+ free demo waybill numbers$/,
    );
    expect(
      JSON.parse((await cli(['carrier', 'test', '--carrier', 'pool', '--config', config, '--json'])).stdout),
    ).toMatchObject({ ok: true });
    await cli(['carrier', 'test', '--carrier', 'sf', '--config', config], 1);
  },
  'carrier pool-import': async () => {
    writeFileSync(join(dir, 'pool.csv'), 'waybill,note\nZT900000001,a\nZT900000002,b\n');
    const r = await cli([
      'carrier',
      'pool-import',
      join(dir, 'pool.csv'),
      '--name',
      'zto',
      '--config',
      config,
    ]);
    expect(r.stdout.trim()).toBe(
      'added 2 numbers, 0 already known, 1 lines that are not waybill numbers left out ("waybill")',
    );
    await cli(['carrier', 'pool-import', join(dir, 'none.csv'), '--config', config], 1);
  },
  'warehouse migrate': async () => {
    const wc = await warehouseConfig();
    expect((await cli(['warehouse', 'migrate', '--config', wc])).stdout.trim()).toBe(
      'warehouse schema 0 -> 130',
    );
    expect((await cli(['warehouse', 'migrate', '--config', wc])).stdout.trim()).toBe(
      'warehouse schema is current (version 130)',
    );
    const none = await cli(['warehouse', 'migrate', '--config', config], 1);
    expect(none.stderr.trim()).toBe('this bench has no warehouse: set warehouse.postgresUrl in its config');
  },
  'warehouse status': async () => {
    const wc = await warehouseConfig();
    await cli(['warehouse', 'migrate', '--config', wc]);
    const w = new Warehouse({ url: pg!.url('postgres') });
    await w.heartbeat('B-07', { packer: '张伟', orderNo: 'SO-1', lagEvents: 2 });
    await w.close();
    const out = await json(['warehouse', 'status', '--config', wc]);
    expect(out).toMatchObject({ schemaVersion: 130, benches: [{ id: 'B-07', lagEvents: 2, openClaims: 0 }] });
    expect((await cli(['warehouse', 'status', '--config', wc])).stdout).toMatch(
      /^warehouse schema version 130, 1 benches\nbench\s+last seen\s+lag \(events\)\s+open claims/,
    );
  },
  'warehouse worker': async () => {
    const wc = await warehouseConfig();
    await cli(['warehouse', 'migrate', '--config', wc]);
    const got: string[] = [];
    const hook = createServer((req, res) => {
      if (req.url?.startsWith('/orders')) {
        got.push('feed');
        const order = {
          orderNo: 'FD-W1',
          status: 'released',
          receiver: {
            name: '陈静',
            phone: '136',
            province: '四川省',
            city: '成都市',
            address: '天府大道 1 号',
          },
          lines: [{ sku: 'TEA-LJ-250', qty: 1 }],
        };
        return res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ orders: [order], next: 'p2', more: false }));
      }
      got.push(String(req.headers['idempotency-key']));
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    try {
      const withNotify = writeJson(join(dir, 'worker.json'), {
        ...JSON.parse(readFileSync(wc, 'utf8')),
        notify: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/ship`, secret: 'k' },
      });
      const w = new Warehouse({ url: pg!.url('postgres') });
      await w.push(
        'B-07',
        [],
        [],
        [{ kind: 'ship-notice', idempotency_key: 'ship-S1', payload: '{"orderNo":"SO-1"}' }],
      );
      await w.close();
      const r = await cli(['warehouse', 'worker', '--once', '--config', withNotify]);
      expect(r.stdout.trim().split('\n').at(-1)).toBe('1 sent');
      expect(got).toEqual(['ship-S1']);
      expect((await cli(['warehouse', 'worker', '--once', '--config', wc], 1)).stderr.trim()).toBe(
        'nothing to run: no notify.url, no feeds.orders with a url, no platforms.shopee and no --hooks',
      );
      // A feed pulled once for the warehouse: a second worker (or bench) within the interval finds it done.
      const feedConfig = writeJson(join(dir, 'worker-feed.json'), {
        ...JSON.parse(readFileSync(wc, 'utf8')),
        feeds: {
          orders: [
            {
              name: 'shop',
              url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/orders`,
              intervalSeconds: 3600,
            },
          ],
        },
      });
      const first = await cli(['warehouse', 'worker', '--once', '--config', feedConfig]);
      expect(first.stdout).toMatch(/^feed shop: \{"feed":"shop","pages":1,"written":1,/m);
      const second = await cli(['warehouse', 'worker', '--once', '--config', feedConfig]);
      expect(second.stdout).not.toMatch(/^feed shop:/m);
      expect(got.filter((k) => k === 'feed')).toHaveLength(1);
      const check = new Warehouse({ url: pg!.url('postgres') });
      expect(await check.orderStatus('FD-W1')).toEqual({ status: 'released', reason: null });
      await check.close();
    } finally {
      hook.close();
    }
  },
  'warehouse release': async () => {
    const wc = await warehouseConfig();
    await cli(['warehouse', 'migrate', '--config', wc]);
    const w = new Warehouse({ url: pg!.url('postgres') });
    await w.writeOrders([{ orderNo: 'WH-1', header: {}, lines: [{ sku: 'TEA-1', name: null, qty: 1 }] }]);
    await w.claim('WH-1', 'B-03', '张伟');
    await w.close();
    expect((await cli(['warehouse', 'release', 'WH-1', '--config', wc])).stdout.trim()).toBe(
      'order WH-1 released: any bench may pack it now',
    );
    expect((await cli(['warehouse', 'release', 'WH-1', '--config', wc], 1)).stderr.trim()).toBe(
      'order WH-1 has no claim',
    );
  },
  'handover open': async () => handoverCase(),
  'handover scan': async () => handoverCase(),
  'handover close': async () => handoverCase(),
  'handover daily': async () => {
    await handoverCase();
    const today = new Date().toISOString().slice(0, 10);
    const rows = JSON.parse(
      (await cli(['handover', 'daily', '--from', today, '--to', today, '--config', config, '--json'])).stdout,
    );
    expect(rows).toEqual([{ day: today, carrier: 'pool', boxes: 1, orders: 1, weightG: 912 }]);
    expect((await cli(['handover', 'daily', '--config', config])).stdout).toMatch(
      /^day\s+carrier\s+boxes\s+orders\s+weight kg/,
    );
    expect((await cli(['handover', 'daily', '--from', 'bad', '--config', config], 1)).stderr.trim()).toBe(
      '--from must be a date YYYY-MM-DD, got "bad"',
    );
  },
  'packbench --version': async () => {
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  },
  'packbench --help': async () => {
    expect((await cli(['--help'])).stdout).toContain('handover');
  },
};

let scannerDone: Promise<void> | null = null;
function scannerCase(): Promise<void> {
  scannerDone ??= (async () => {
    const pty = await ptyPair(dir, 'scan');
    const codes = join(dir, 'codes.txt');
    writeFileSync(codes, 'SO202611290001\n]E06900012345004\n');
    const listen = spawn(
      process.execPath,
      [cliPath, 'scanner', 'listen', '--serial', pty.a, '--suffix', 'crlf', '--baud', '9600', '--count', '2'],
      { stdio: 'pipe' },
    );
    let out = '';
    let err = '';
    listen.stdout.on('data', (d) => (out += d));
    listen.stderr.on('data', (d) => (err += d));
    const exited = new Promise((r) => listen.once('exit', r));
    try {
      await waitFor(() => err.includes('serial: ready'), 5000, 'listen ready');
      await cli([
        'sim',
        'scanner',
        '--port',
        pty.b,
        '--codes',
        codes,
        '--interval-ms',
        '20',
        '--suffix',
        'crlf',
        '--baud',
        '9600',
      ]);
      expect(await exited).toBe(0);
      // The documented order: code, symbology, scanner.
      expect(out.trim().split('\n')).toEqual(['SO202611290001\t-\tserial', '6900012345004\tean13\tserial']);
      await cli(['sim', 'scanner', '--port', pty.b, '--codes', join(dir, 'nope.txt')], 1);
    } finally {
      if (listen.exitCode === null) listen.kill('SIGKILL');
      await pty.unplug();
    }
  })();
  return scannerDone;
}

let handoverDone: Promise<void> | null = null;
function handoverCase(): Promise<void> {
  handoverDone ??= (async () => {
    // A box packed and closed at this bench, then loaded and closed from the command line.
    const loaded = {
      config: ConfigSchema.parse(JSON.parse(readFileSync(config, 'utf8'))),
      source: { kind: 'flag' as const, path: config },
      databasePath: join(dir, 'bench.db'),
    };
    const station = new Station({ loaded, version: 't', log: silentLog });
    let waybill: string;
    try {
      for (const code of [
        'U1001',
        'SO202611290002',
        'BOX-S',
        '6900012345141',
        '6900012345493',
        '6900012345493',
      ])
        station.scan(code);
      station.scale.setWeight!(912);
      await waitFor(() => station.state().box?.shipment?.waybillNo, 5000, 'booked');
      waybill = station.state().box!.shipment!.waybillNo!;
      station.scan(waybill);
    } finally {
      await station.close();
    }
    await cli(['handover', 'open', '--carrier', 'ems', '--config', config], 1);
    expect(
      JSON.parse((await cli(['handover', 'open', '--carrier', 'pool', '--config', config, '--json'])).stdout),
    ).toMatchObject({ carrier: 'pool' });
    expect((await cli(['handover', 'scan', 'NOPE-1', '--config', config], 1)).stdout.trim()).toBe(
      'not loaded: NOPE-1 is not the waybill of a booked box',
    );
    expect((await cli(['handover', 'scan', waybill, '--config', config])).stdout.trim()).toBe(
      `loaded ${waybill} (order SO202611290002): 1 on the batch`,
    );
    const closed = JSON.parse((await cli(['handover', 'close', '--config', config, '--json'])).stdout);
    expect(closed).toMatchObject({ count: 1, carrier: 'pool' });
    expect(closed.pdf.startsWith(join(dir, 'manifests-here'))).toBe(true);
    expect(readdirSync(join(dir, 'manifests-here')).sort()).toHaveLength(2);
    expect((await cli(['handover', 'close', '--config', config], 1)).stderr.trim()).toBe(
      'no handover batch is open: nothing to close',
    );
  })();
  return handoverDone;
}

describe('the README command table', () => {
  const rows = readmeRows();
  const commands = programCommands();

  it('names every command the program has, with exactly its options', () => {
    const documented = new Map(rows.map((r) => [r.path, r.options]));
    for (const c of commands) {
      expect(documented.has(c.path), `README has no row for "packbench ${c.path}"`).toBe(true);
      expect([...new Set(documented.get(c.path))].sort(), `options of "packbench ${c.path}"`).toEqual(
        c.options.filter((o) => o !== '--help').sort(),
      );
    }
    for (const r of rows)
      expect(
        r.path.startsWith('packbench') || commands.some((c) => c.path === r.path),
        `README documents "packbench ${r.path}", which does not exist`,
      ).toBe(true);
  });

  it('has a case for every row', () => {
    for (const r of rows)
      expect(CASES[r.path], `no CLI case for the README row "${r.path}"`).toBeTypeOf('function');
  });

  it.each(rows.map((r) => r.path))(
    '%s does what the README says',
    async (path) => {
      await CASES[path]!();
    },
    60_000,
  );
});
