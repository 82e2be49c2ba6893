import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, startServe, tempDir, writeJson } from '../testing';

// These run the built command (out/main/cli.js), as a user would: `npm test` builds first.
beforeAll(() => {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error(`build first (npm run build); ${cliPath} needs out/main/cli.js`);
});

let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  env = { PACKBENCH_HOME: join(dir, 'home'), PACKBENCH_CONFIG: '' };
});
afterEach(() => cleanup());

describe('packbench CLI', () => {
  it('prints its version and help', async () => {
    const version = await runCli(['--version'], env);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['--help'], env);
    for (const command of ['serve', 'config', 'db']) expect(help.stdout).toContain(command);
  });

  it('config check lists every problem with its JSON path and exits 1', async () => {
    const file = writeJson(join(dir, 'broken.json'), {
      station: { id: '' },
      scale: { kind: 'serial', protocol: 'acme', port: 'COM3' },
      printers: { label: { uri: 'lpt1', language: 'zpl' } },
    });
    const result = await runCli(['config', 'check', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('3 problem(s)');
    expect(result.stderr).toMatch(/^ {2}station\.id: /m);
    expect(result.stderr).toMatch(/^ {2}scale\.protocol: /m);
    expect(result.stderr).toMatch(/^ {2}printers\.label\.uri: printer URI must be/m);
  });

  it('config check passes a good file', async () => {
    const file = writeJson(join(dir, 'good.json'), { station: { id: 'OK-1' } });
    const result = await runCli(['config', 'check', file], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok:');
  });

  it('config print shows the effective config with secrets masked', async () => {
    const file = writeJson(join(dir, 'c.json'), {
      station: { id: 'P-1' },
      carriers: { sf: { baseUrl: 'http://127.0.0.1:1/std/service', partnerId: 'P', checkWord: 'topsecret' } },
    });
    const result = await runCli(['config', 'print', '--config', file], env);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.config.carriers.sf.checkWord).toBe('***(9 chars)');
    expect(printed.config.weight).toMatchObject({ toleranceGrams: 50, tolerancePercent: 5 });
    expect(result.stdout).not.toContain('topsecret');
  });

  it('db backup copies the bench database with the online backup', async () => {
    const source = join(dir, 'bench.db');
    const db = new Sqlite(source);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
    db.close();
    const target = join(dir, 'copy', 'backup.db');
    const result = await runCli(['db', 'backup', target, '--database', source], env);
    expect(result.code).toBe(0);
    const copy = new Sqlite(target, { readonly: true });
    expect(copy.prepare('SELECT x FROM t').pluck().get()).toBe('kept');
    copy.close();
  });

  it('serve refuses a broken config: problems listed, exit 1, nothing started', async () => {
    const file = writeJson(join(dir, 'broken.json'), { scale: { kind: 'serial' } });
    const result = await runCli(['serve', '--config', file, '--port', '0'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/scale\.port: /);
    expect(result.stdout).not.toContain('ready at');
  });

  it('serve refuses a corrupt database by name and points to the backup command', async () => {
    const dbFile = join(dir, 'bench.db');
    writeFileSync(dbFile, 'not a database '.repeat(200));
    const file = writeJson(join(dir, 'c.json'), { database: { path: dbFile } });
    const result = await runCli(['serve', '--config', file, '--port', '0'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(dbFile);
    expect(result.stderr).toContain('packbench db backup');
  });

  it('serve needs --allow-remote for a non-loopback address', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--allow-remote');
  });

  it('serve starts on the embedded default and answers /healthz', async () => {
    const { child, url } = await startServe([], env);
    try {
      const health = await fetch(new URL('/healthz', url));
      expect(await health.json()).toMatchObject({ ok: true, stationId: 'BENCH-01' });
      expect(existsSync(join(dir, 'home', 'packbench.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
