import { describe, expect, it } from 'vitest';
import { createMainWedge, type KeyInput } from './wedge';

function harness() {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const scans: string[] = [];
  let inserted = '';
  const handle = createMainWedge({
    onScan: (c) => scans.push(c),
    insertText: (s) => (inserted += s),
    now: () => t,
    setTimer: (fn, ms) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  });
  const key = (k: string): boolean =>
    handle({ type: 'keyDown', key: k, control: false, alt: false, meta: false } as KeyInput);
  const advance = (ms: number) => {
    t += ms;
    for (const timer of [...timers])
      if (timer.at <= t) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
  };
  return { key, advance, scans, inserted: () => inserted };
}

describe('main-process wedge (before-input-event)', () => {
  it('withholds a fast burst and hands it over as a scan', () => {
    const h = harness();
    const withheld = [...'6900012345141'].map((c) => {
      const w = h.key(c);
      h.advance(4);
      return w;
    });
    expect(withheld.every(Boolean)).toBe(true);
    expect(h.key('Enter')).toBe(true);
    expect(h.scans).toEqual(['6900012345141']);
    expect(h.inserted()).toBe('');
  });

  it('gives a person’s slow typing back to the page', () => {
    const h = harness();
    for (const c of 'qty') {
      h.key(c);
      h.advance(150);
    }
    expect(h.inserted()).toBe('qty');
    expect(h.scans).toEqual([]);
  });

  it('lets shortcuts and key-ups through untouched', () => {
    const h = harness();
    expect(h.key('Enter')).toBe(false);
  });
});
