import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Every "never" of the house plan is a lint rule. Each case plants one breach in a file that does not exist on disk
// (linted as if it did, at that path) and expects `npm run lint` to name it; the control case stays clean.
const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesBroken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the house rules fail the lint on a planted breach', () => {
  it.each([
    [
      'electron outside main/preload',
      'electron/station/planted.ts',
      "import { app } from 'electron';\nvoid app;",
      'no-restricted-imports: .*Only electron/main',
    ],
    [
      'better-sqlite3 outside the store',
      'electron/intake/planted.ts',
      "import Sqlite from 'better-sqlite3';\nvoid Sqlite;",
      'no-restricted-imports: .*SQL lives in electron/store',
    ],
    [
      'SQL text outside the store',
      'electron/station/planted.ts',
      "export const q = 'SELECT id FROM orders WHERE order_no = ?';",
      'no-restricted-syntax: SQL lives in electron/store',
    ],
    [
      'SQL in a template outside the store',
      'electron/cli/planted.ts',
      'export const q = (t: string) => `UPDATE orders SET status = ${t}`;',
      'no-restricted-syntax: SQL lives',
    ],
    [
      'a prepared statement outside the store',
      'electron/station/planted.ts',
      'declare const db: { prepare(s: string): unknown };\nexport const s = (q: string) => db.prepare(q);',
      'no-restricted-syntax: Statements are prepared',
    ],
    [
      "reaching into another room's file",
      'electron/cli/planted.ts',
      "import { Handovers } from '../station/handover/handovers';\nvoid Handovers;",
      'house/doors: .*through its door',
    ],
    [
      "reaching into a sub-room's file",
      'electron/station/planted.ts',
      "import { PackWorkflow } from './pack/workflow';\nvoid PackWorkflow;",
      'house/doors: .*electron/station/pack',
    ],
    [
      'devices importing the store',
      'electron/devices/planted.ts',
      "import { openStore } from '../store';\nvoid openStore;",
      'no-restricted-imports: .*devices never imports store',
    ],
    [
      'config importing devices (the arrow upward)',
      'electron/config/planted.ts',
      "import { DeviceRegistry } from '../devices';\nvoid DeviceRegistry;",
      'no-restricted-imports: .*config never imports devices',
    ],
    [
      'the station importing the server',
      'electron/station/planted.ts',
      "import { startHeadlessServer } from '../server';\nvoid startHeadlessServer;",
      'no-restricted-imports: .*station never imports server',
    ],
    [
      'the store importing the station',
      'electron/store/planted.ts',
      "import { Station } from '../station';\nvoid Station;",
      'no-restricted-imports: .*store never imports station',
    ],
    [
      'shared/ importing electron/',
      'shared/scan/planted.ts',
      "import { openStore } from '../../electron/store';\nvoid openStore;",
      'no-restricted-imports: .*shared/ imports neither',
    ],
    [
      'shared/ importing Node',
      'shared/scan/planted.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;",
      'no-restricted-imports: .*no Node modules',
    ],
    [
      'the page importing the main side',
      'renderer/src/planted.ts',
      "import { Station } from '../../electron/station';\nvoid Station;",
      'no-restricted-imports: .*only through shared/contract',
    ],
    [
      'a refusal in English words only',
      'electron/station/planted.ts',
      "import { ContractError } from '../../shared/contract';\nthrow new ContractError('refused', 'log in first');",
      'no-restricted-syntax: .*throw refuse',
    ],
  ])('%s', async (_what, path, code, rule) => {
    const broken = await rulesBroken(path, code);
    expect(
      broken.some((m) => new RegExp(rule).test(m)),
      broken.join('\n') || 'no error at all',
    ).toBe(true);
  });

  it('and a file that keeps them is clean', async () => {
    const code =
      "import { PackWorkflow } from './pack';\nimport type { Repos } from '../store';\nexport type T = [PackWorkflow, Repos];";
    expect(await rulesBroken('electron/station/planted.ts', code)).toEqual([]);
  });
});
