import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, writeJson } from '../testing';
import {
  ConfigError,
  configCandidates,
  dataDir,
  loadConfig,
  perMachineInstall,
  machineConfigPath,
  maskSecrets,
  parseConfig,
  userDataDir,
  warehouseConnectionOf,
  applyRules,
  parseRule,
  type Environment,
} from './index';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const problemsOf = (value: unknown): string[] => {
  try {
    parseConfig(JSON.stringify(value), 'x.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('parseConfig', () => {
  it('fills the embedded defaults around a minimal file', () => {
    const config = parseConfig('{"station":{"id":"B-07"}}', 'x.json');
    expect(config.station.id).toBe('B-07');
    expect(config.scale).toEqual({ kind: 'virtual', grams: 0, maxReadingAgeMs: 1000 });
    expect(config.scanners).toEqual([{ name: 'wedge', kind: 'wedge' }]);
    expect(config.weight).toMatchObject({ toleranceGrams: 50, tolerancePercent: 5 });
    expect(config.carriers.default).toBe('pool');
  });

  it('accepts a full bench with serial scale, printers, carriers and notify', () => {
    const config = parseConfig(
      JSON.stringify({
        station: { id: 'SZ-03', name: '深圳 3号台', locale: 'zh-CN' },
        database: { path: 'bench.db' },
        scale: { kind: 'serial', port: 'COM3', protocol: 'yaohua', baud: 4800, parity: 'none', dataBits: 8 },
        scanners: [
          { name: 'hand', kind: 'wedge', suffix: 'enter' },
          { name: 'fixed', kind: 'serial', port: 'COM5', suffix: 'cr' },
        ],
        printers: {
          label: { uri: 'tcp://192.0.2.10:9100', language: 'zpl', dpi: 203, size: '100x150' },
          slip: { uri: 'serial:COM7?baud=19200', language: 'escpos' },
        },
        carriers: {
          default: 'kdniao',
          kdniao: {
            baseUrl: 'https://api.example/EOrderService',
            eBusinessId: '1234',
            appKey: 'k',
            shipperCode: 'ZTO',
          },
        },
        weight: { toleranceGrams: 30, tolerancePercent: 3 },
        notify: { url: 'https://shop.example/hook', secret: 's3cret' },
      }),
      'x.json',
    );
    expect(config.scale).toMatchObject({ kind: 'serial', baud: 4800, stopBits: 1 });
    expect(config.printers.label?.uri).toBe('tcp://192.0.2.10:9100');
  });

  it('names every invalid field by its JSON path', () => {
    const problems = problemsOf({
      station: { id: 'has spaces!' },
      scale: { kind: 'serial', protocol: 'acme' },
      scanners: [
        { name: 'a', kind: 'serial' },
        { name: 'a', kind: 'laser' },
      ],
      printers: { label: { uri: 'lpt1', language: 'zpl', dpi: 600 } },
      weight: { toleranceGrams: -1 },
      notify: { url: 'not a url', secret: '' },
      colour: 'blue',
    });
    const paths = problems.map((p) => p.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'station.id',
        'scale.port',
        'scale.protocol',
        'scanners[1].kind',
        'printers.label.uri',
        'printers.label.dpi',
        'weight.toleranceGrams',
        'notify.url',
        'notify.secret',
        '(root)',
      ]),
    );
    expect(problems.find((p) => p.startsWith('(root)'))).toMatch(/colour/);
  });

  it('checks what spans fields: serial scanners need a port, names are unique, the default carrier exists', () => {
    const problems = problemsOf({
      scanners: [
        { name: 'a', kind: 'serial' },
        { name: 'a', kind: 'wedge' },
      ],
      carriers: { default: 'sf' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'scanners[0].port: a serial scanner needs a port',
        'scanners[1].name: scanner name "a" is used twice',
        'carriers.sf: carriers.default is "sf" but carriers.sf is not configured',
      ]),
    );
  });

  it('lists every problem in one run, field checks and cross-field checks together', () => {
    const problems = (() => {
      try {
        parseConfig(
          JSON.stringify({
            demoData: 'yes',
            weight: { toleranceGrams: -1 },
            scanners: [
              { name: 'a', kind: 'serial' },
              { name: 'a', kind: 'wedge' },
            ],
            carriers: { default: 'sf' },
          }),
          'five.json',
        );
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^demoData: /),
        expect.stringMatching(/^weight\.toleranceGrams: /),
        'scanners[0].port: a serial scanner needs a port',
        'scanners[1].name: scanner name "a" is used twice',
        'carriers.sf: carriers.default is "sf" but carriers.sf is not configured',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('applies the documented defaults: label language pdf, a label printer beside a slip printer, 8217 at 7E1', () => {
    expect(parseConfig('{"printers":{"label":{"uri":"tcp://10.0.0.5:9100"}}}', null).printers.label).toEqual({
      uri: 'tcp://10.0.0.5:9100',
      language: 'pdf',
      dpi: 203,
      size: '100x150',
    });
    const slipOnly = parseConfig('{"printers":{"slip":{"uri":"file:slips","language":"escpos"}}}', null);
    expect(slipOnly.printers.label).toMatchObject({ uri: 'file:labels', language: 'pdf' });
    expect(slipOnly.printers.slip).toEqual({ uri: 'file:slips', language: 'escpos' });
    const scale = (protocol: string, extra = {}) =>
      parseConfig(JSON.stringify({ scale: { kind: 'serial', port: 'COM3', protocol, ...extra } }), null)
        .scale;
    expect(scale('toledo8217')).toMatchObject({ baud: 9600, parity: 'even', dataBits: 7, stopBits: 1 });
    expect(scale('sics')).toMatchObject({ baud: 9600, parity: 'none', dataBits: 8 });
    expect(scale('toledo8217', { parity: 'none', dataBits: 8 })).toMatchObject({
      parity: 'none',
      dataBits: 8,
    });
  });

  it('refuses a file that is not JSON, saying so', () => {
    expect(() => parseConfig('{ station: ', 'bad.json')).toThrow(/\(root\): not valid JSON/);
  });

  it('masks secrets for printing', () => {
    const masked = maskSecrets({
      carriers: { sf: { checkWord: 'abcdef', partnerId: 'P1' } },
      notify: { secret: 'xy' },
    });
    expect(masked).toEqual({
      carriers: { sf: { checkWord: '***(6 chars)', partnerId: 'P1' } },
      notify: { secret: '***(2 chars)' },
    });
    expect(maskSecrets({ warehouse: { postgresUrl: 'postgres://bench01:s3cr3t@db:5432/wh' } })).toEqual({
      warehouse: { postgresUrl: 'postgres://bench01:***(6 chars)@db:5432/wh' },
    });
  });

  it('warehouse rules are checked as the config file would be, and only the tolerances override the bench', () => {
    expect(() => parseRule('weight', { toleranceGrams: -1 })).toThrow(/rule weight: weight\.toleranceGrams/);
    const config = parseConfig(JSON.stringify({ weight: { nearZeroGrams: 35 } }), 'b.json');
    const warnings: string[] = [];
    applyRules(
      config,
      {
        weight: { toleranceGrams: 80, tolerancePercent: 3 },
        reasons: { hold: ['拦截'] },
        inserts: 'nonsense',
      },
      (m) => warnings.push(m),
    );
    expect(config.weight).toMatchObject({ toleranceGrams: 80, tolerancePercent: 3, nearZeroGrams: 35 });
    expect(config.reasons.hold).toEqual(['拦截']);
    expect(config.inserts).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^rule inserts: inserts/)]);
  });

  it('warehouse: a PostgreSQL URL, verify-full with its CA, the password from a file or PGPASSWORD', () => {
    expect(() =>
      parseConfig(JSON.stringify({ warehouse: { postgresUrl: 'mysql://x/y' } }), 'w.json'),
    ).toThrow(/warehouse\.postgresUrl: a PostgreSQL URL/);
    expect(() =>
      parseConfig(
        JSON.stringify({ warehouse: { postgresUrl: 'postgres://a@h/w', tls: 'verify-full' } }),
        'w.json',
      ),
    ).toThrow(/warehouse\.ca: tls verify-full needs ca/);
    const file = writeJson(join(dir, 'w.json'), {
      station: { id: 'B-07' },
      warehouse: { postgresUrl: 'postgres://bench07@db:5432/wh', passwordFile: 'pg.pass' },
    });
    writeFileSync(join(dir, 'pg.pass'), 'from-file\n');
    const loaded = loadConfig(file, { platform: 'linux', env: {}, home: join(dir, 'home') });
    expect(warehouseConnectionOf(loaded, { PGPASSWORD: 'from-env' }, 'bench')).toMatchObject({
      url: 'postgres://bench07@db:5432/wh',
      password: 'from-file',
      tls: 'disable',
      applicationName: 'packbench B-07 bench',
    });
    const noFile = {
      ...loaded,
      config: { ...loaded.config, warehouse: { ...loaded.config.warehouse!, passwordFile: undefined } },
    };
    expect(warehouseConnectionOf(noFile, { PGPASSWORD: 'from-env' }, 'x')).toMatchObject({
      password: 'from-env',
    });
    expect(
      warehouseConnectionOf({ ...loaded, config: { ...loaded.config, warehouse: undefined } }, {}, 'x'),
    ).toBeNull();
  });
});

describe('config lookup', () => {
  const windows = (env: NodeJS.ProcessEnv): Environment => ({
    platform: 'win32',
    env,
    home: join(dir, 'home'),
  });

  it('orders --config, PACKBENCH_CONFIG, %ProgramData%, then the user folder', () => {
    const e = windows({
      PACKBENCH_CONFIG: join(dir, 'env.json'),
      ProgramData: join(dir, 'pd'),
      APPDATA: join(dir, 'ad'),
    });
    expect(configCandidates(join(dir, 'flag.json'), e)).toEqual([
      { kind: 'flag', path: join(dir, 'flag.json') },
      { kind: 'env', path: join(dir, 'env.json') },
      { kind: 'machine', path: join(dir, 'pd', 'Packbench', 'config.json') },
      { kind: 'user', path: join(dir, 'ad', 'Packbench', 'config.json') },
    ]);
  });

  it('takes the first file that exists, machine-wide before the user', () => {
    const e = windows({ ProgramData: join(dir, 'pd'), APPDATA: join(dir, 'ad') });
    mkdirSync(join(dir, 'pd', 'Packbench'), { recursive: true });
    mkdirSync(join(dir, 'ad', 'Packbench'), { recursive: true });
    writeJson(join(dir, 'ad', 'Packbench', 'config.json'), { station: { id: 'USER' } });
    expect(loadConfig(undefined, e).config.station.id).toBe('USER');
    writeJson(join(dir, 'pd', 'Packbench', 'config.json'), {
      station: { id: 'MACHINE' },
      database: { path: 'd.db' },
    });
    const machine = loadConfig(undefined, e);
    expect(machine.source.kind).toBe('machine');
    expect(machine.config.station.id).toBe('MACHINE');
    expect(machine.databasePath).toBe(join(dir, 'pd', 'Packbench', 'd.db'));
    writeJson(join(dir, 'flag.json'), { station: { id: 'FLAG' } });
    expect(loadConfig(join(dir, 'flag.json'), e).config.station.id).toBe('FLAG');
  });

  it('falls back to the embedded default with the database in the user folder', () => {
    const loaded = loadConfig(undefined, windows({ ProgramData: join(dir, 'pd'), APPDATA: join(dir, 'ad') }));
    expect(loaded.source).toEqual({ kind: 'default', path: null });
    expect(loaded.databasePath).toBe(join(dir, 'ad', 'Packbench', 'packbench.db'));
    expect(loaded.config.demoData).toBe(true);
    expect(loaded.config.scale.kind).toBe('virtual');
  });

  describe('one database per machine for the installed app', () => {
    const installed = (env: NodeJS.ProcessEnv, execPath = 'C:\\Program Files\\Packbench\\Packbench.exe') => ({
      ...windows({ ProgramFiles: 'C:\\Program Files', ...env }),
      execPath,
    });
    it('knows a per-machine install by Packbench.exe under Program Files; Node and a per-user install are not', () => {
      expect(perMachineInstall(installed({}))).toBe(true);
      expect(perMachineInstall(installed({}, 'c:\\program files\\packbench\\PACKBENCH.EXE'))).toBe(true);
      expect(perMachineInstall(installed({}, 'C:\\Program Files\\nodejs\\node.exe'))).toBe(false);
      expect(
        perMachineInstall(installed({}, 'C:\\Users\\u\\AppData\\Local\\Programs\\Packbench\\Packbench.exe')),
      ).toBe(false);
      expect(perMachineInstall({ ...installed({}), platform: 'linux' })).toBe(false);
    });
    it('keeps the database in ProgramData for every Windows user, the user folder otherwise', () => {
      const pd = join(dir, 'pd1');
      const morning = installed({ ProgramData: pd, APPDATA: join(dir, 'morning') });
      const evening = installed({ ProgramData: pd, APPDATA: join(dir, 'evening') });
      expect(loadConfig(undefined, morning).databasePath).toBe(join(pd, 'Packbench', 'data', 'packbench.db'));
      expect(loadConfig(undefined, evening).databasePath).toBe(loadConfig(undefined, morning).databasePath);
      const node = { ...morning, execPath: '/usr/bin/node' };
      expect(loadConfig(undefined, node).databasePath).toBe(
        join(dir, 'morning', 'Packbench', 'packbench.db'),
      );
      expect(dataDir({ ...morning, env: { ...morning.env, PACKBENCH_HOME: join(dir, 'h') } })).toBe(
        join(dir, 'h'),
      );
    });
  });

  it('finds the folders of each platform, and PACKBENCH_HOME wins everywhere', () => {
    const home = '/home/u';
    expect(userDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, home })).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'Packbench'),
    );
    // No APPDATA (a service account): the roaming folder under the profile.
    expect(userDataDir({ platform: 'win32', env: {}, home })).toBe(
      join(home, 'AppData', 'Roaming', 'Packbench'),
    );
    expect(userDataDir({ platform: 'darwin', env: {}, home })).toBe(
      join(home, 'Library', 'Application Support', 'Packbench'),
    );
    expect(userDataDir({ platform: 'linux', env: {}, home })).toBe(join(home, '.config', 'Packbench'));
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, home })).toBe(
      join('/x', 'Packbench'),
    );
    for (const platform of ['win32', 'darwin', 'linux'] as const)
      expect(userDataDir({ platform, env: { PACKBENCH_HOME: '/p', APPDATA: '/a' }, home })).toBe('/p');
    // %ProgramData% missing from the environment: the Windows default folder; spelled in capitals: read too.
    expect(machineConfigPath({ platform: 'win32', env: {}, home })).toBe(
      join('C:\\ProgramData', 'Packbench', 'config.json'),
    );
    expect(machineConfigPath({ platform: 'win32', env: { PROGRAMDATA: 'D:\\PD' }, home })).toBe(
      join('D:\\PD', 'Packbench', 'config.json'),
    );
    expect(machineConfigPath({ platform: 'darwin', env: {}, home })).toBe('/etc/packbench/config.json');
  });

  it('with PACKBENCH_HOME and no config file, the database lives in that folder', () => {
    const loaded = loadConfig(undefined, {
      platform: 'win32',
      env: { PACKBENCH_HOME: join(dir, 'p') },
      home: '/h',
    });
    expect(loaded.databasePath).toBe(join(dir, 'p', 'packbench.db'));
  });

  it('refuses a named file that does not exist rather than falling back', () => {
    const e = windows({ PACKBENCH_CONFIG: join(dir, 'missing.json') });
    expect(() => loadConfig(undefined, e)).toThrow(/missing\.json.*cannot read: ENOENT/s);
  });
});
