import { describe, expect, it } from 'vitest';
import { IDLE_STATE } from './fixtures';
import { invoke, type Handlers } from './index';

const STATE = IDLE_STATE;

const base = {
  'station.info': () => {
    throw new Error('scale exploded');
  },
  'station.getState': () => ({ ...STATE, revision: -1 }),
} as unknown as Handlers;

describe('invoke', () => {
  it('checks results too: a handler cannot leak a malformed state to the view', async () => {
    const outcome = await invoke(base, 'station.getState', undefined);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-result' } });
    if (!outcome.ok) expect(outcome.error.issues).toEqual([expect.stringMatching(/^revision: /)]);
  });

  it('turns a thrown error into an internal outcome instead of throwing', async () => {
    await expect(invoke(base, 'station.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'scale exploded' },
    });
  });

  it('refuses names that are not methods, including inherited object keys', async () => {
    for (const name of ['toString', '__proto__', 42, null]) {
      const outcome = await invoke(base, name, undefined);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });
});

describe('invoke, exactly', () => {
  it('names the bad params with their paths and the method; a good call returns the parsed result', async () => {
    const handlers = {
      ...base,
      'station.getState': () => STATE,
      'scan.submit': ({ code }: { code: string }) => ({ ...STATE, stationId: code }),
    } as unknown as Handlers;
    const bad = await invoke(handlers, 'scan.submit', { code: 7, extra: 1 });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'bad-params',
        message: 'bad params for scan.submit',
        issues: expect.arrayContaining([
          expect.stringMatching(/^code: /),
          expect.stringMatching(/^\(root\): /),
        ]),
      },
    });
    expect(await invoke(handlers, 'station.getState', undefined)).toEqual({ ok: true, result: STATE });
    expect(await invoke(handlers, 'station.getState', null)).toEqual({ ok: true, result: STATE });
    const malformed = await invoke(base, 'station.getState', undefined);
    expect(malformed).toMatchObject({ error: { message: 'station.getState produced a malformed result' } });
    expect(await invoke(base, 'no.such', undefined)).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'unknown method "no.such"' },
    });
    const thrown = { ...base, 'station.info': () => Promise.reject('plain string') } as unknown as Handlers;
    expect(await invoke(thrown, 'station.info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'plain string' },
    });
  });

  it('formats paths the way a person finds them in the JSON file', async () => {
    const { formatPath } = await import('./issues');
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['scanners', 0, 'suffix'])).toBe('scanners[0].suffix');
    expect(formatPath([0, 'a', 1, 2])).toBe('[0].a[1][2]');
    expect(formatPath(['carriers', 'sf', 'baseUrl'])).toBe('carriers.sf.baseUrl');
  });
});
