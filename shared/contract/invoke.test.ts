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
