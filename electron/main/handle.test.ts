import { describe, expect, it } from 'vitest';
import { IDLE_STATE } from '../../shared/contract';
import { invoke, type Handlers } from '../../shared/contract';
import { silentLog } from '../log';
import { makeHandler, type SenderEvent } from './handle';

const STATE = IDLE_STATE;

const APP = 'file:///opt/Packbench/resources/app.asar/out/renderer/index.html';
const isOurUrl = (u: string) => u.split(/[?#]/)[0] === APP;

const handlers = {
  'station.info': () => ({
    version: '0.0.0',
    stationId: 'T1',
    stationName: 'T1',
    locale: null,
    configSource: { kind: 'default', path: null },
    devices: [],
  }),
  'station.getState': () => ({ ...STATE, stationId: 'T1' }),
} as unknown as Handlers;
const handler = makeHandler((m, p) => invoke(handlers, m, p), isOurUrl, silentLog);

function eventFrom(url: string, { subFrame = false, gone = false } = {}): SenderEvent {
  const mainFrame = { url: APP };
  const frame = subFrame ? { url } : Object.assign(mainFrame, { url });
  return { senderFrame: gone ? null : frame, sender: { mainFrame } } as unknown as SenderEvent;
}

describe('IPC handle()', () => {
  it('answers our own page in the main frame', async () => {
    const outcome = await handler(eventFrom(`${APP}#/pack`), 'station.getState', undefined);
    expect(outcome).toEqual({ ok: true, result: { ...STATE, stationId: 'T1' } });
  });

  it('refuses a sub-frame, a foreign page and a vanished frame', async () => {
    for (const event of [
      eventFrom(APP, { subFrame: true }),
      eventFrom('https://evil.example/'),
      eventFrom('file:///tmp/other.html'),
      eventFrom(APP, { gone: true }),
    ]) {
      const outcome = await handler(event, 'station.info', undefined);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('refused');
    }
  });

  it('refuses bad params and unknown methods with the contract error', async () => {
    const bad = await handler(eventFrom(APP), 'station.info', { surprise: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-params' } });
    if (!bad.ok) expect(bad.error.issues?.[0]).toMatch(/surprise/);
    const unknown = await handler(eventFrom(APP), 'station.selfDestruct', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });
});
