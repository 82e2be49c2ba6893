import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../store';
import { tempDir } from '../testing';
import { bundleForChild } from '../testing/bundle';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const PROCESSES = 4;
const KEYS = 500;

function run(child: string, file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child, file, String(KEYS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

it(`${PROCESSES} processes × ${KEYS} allocations on the same keys: one number per key, no number lost`, async () => {
  const file = join(dir, 'b.db');
  const store = openStore(file);
  const numbers = Array.from({ length: 3000 }, (_, i) => `ZT${7700000000 + i}`);
  store.repos.waybillPool.add('zto', numbers, 'x');
  store.close();
  const child = await bundleForChild('electron/carriers/testing/poolChild.ts');

  const results = await Promise.all(Array.from({ length: PROCESSES }, () => run(child, file)));
  for (const r of results) {
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
  const seen = results.map(
    (r) =>
      new Map(
        r.out
          .trim()
          .split('\n')
          .map((l) => l.split('=') as [string, string]),
      ),
  );
  for (const m of seen) expect(m.size).toBe(KEYS);
  // Every process got the same number for the same key, and no two keys share one.
  for (let i = 0; i < KEYS; i++) {
    const got = new Set(seen.map((m) => m.get(`k${i}`)));
    expect(got.size, `k${i}: ${[...got].join(', ')}`).toBe(1);
  }
  const bound = [...seen[0]!.values()];
  expect(new Set(bound).size).toBe(KEYS);
  expect(bound).not.toContain('none');

  const check = openStore(file);
  const used = check.db
    .prepare("SELECT used_by, waybill_no FROM waybill_pool WHERE status = 'used'")
    .all() as { used_by: string; waybill_no: string }[];
  const free = check.db.prepare("SELECT count(*) FROM waybill_pool WHERE status = 'free'").pluck().get();
  check.close();
  // No number lost: exactly one used per key, and the rest still free.
  expect(used).toHaveLength(KEYS);
  expect(free).toBe(numbers.length - KEYS);
  for (const u of used) expect(seen[0]!.get(u.used_by)).toBe(u.waybill_no);
});
