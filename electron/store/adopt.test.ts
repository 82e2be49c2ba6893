import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../config';
import { adoptDatabase, openStore } from '.';
import { tempDir } from '../testing';

// A per-machine install finding a Windows user's older database: it stops rather than split, and a lead moves it.
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const installed = (env: NodeJS.ProcessEnv): Environment => ({
  platform: 'win32',
  env: { ProgramFiles: 'C:\\Program Files', ...env },
  home: join(dir, 'home'),
  execPath: 'C:\\Program Files\\Packbench\\Packbench.exe',
});

it('never splits silently: an older database of a Windows user stops the start and says how to move it', async () => {
  const pd = join(dir, 'pd2');
  const e = installed({ ProgramData: pd, APPDATA: join(dir, 'olduser') });
  const older = join(dir, 'olduser', 'Packbench', 'packbench.db');
  mkdirSync(dirname(older), { recursive: true });
  const store = openStore(older);
  store.repos.users.add({ name: '李主管', role: 'lead', badge: 'L1', pin: '2468' });
  store.repos.users.add({ name: '张伟', role: 'packer', badge: 'U1', pin: '1234' });
  store.close();
  expect(() => loadConfig(undefined, e)).toThrow(/db adopt --lead NAME --pin PIN/);
  await expect(adoptDatabase(e, '张伟', '1234')).rejects.toThrow(/shift lead of that database/);
  await expect(adoptDatabase(e, '李主管', '0000')).rejects.toThrow(/shift lead of that database/);
  expect(await adoptDatabase(e, 'L1', '2468')).toMatchObject({
    kept: expect.stringMatching(/\.moved-\d{4}-\d{2}-\d{2}$/),
  });
  const loaded = loadConfig(undefined, e);
  expect(loaded.databasePath).toBe(join(pd, 'Packbench', 'data', 'packbench.db'));
  const moved = openStore(loaded.databasePath);
  expect(moved.repos.users.byName('李主管')?.role).toBe('lead');
  moved.close();
  expect(existsSync(older)).toBe(false);
  await expect(adoptDatabase(e, 'L1', '2468')).rejects.toThrow(/no older database/);
});
