import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE, WedgeDetector } from './index';

/** Types `text` one key every `ms`, starting at `t0`; returns the actions of the last key and the next time. */
function type(w: WedgeDetector, text: string, ms: number, t0 = 0) {
  let t = t0;
  let last: ReturnType<WedgeDetector['key']> = [];
  for (const c of text) {
    last = w.key(c, t);
    t += ms;
  }
  return { last, t };
}

describe('wedge burst detection at its limits (30 ms/char, 60 ms gap, 4 characters)', () => {
  it('an average of exactly 30 ms per character is a scan; 31 is typing', () => {
    const fast = new WedgeDetector(DEFAULT_WEDGE);
    const { t } = type(fast, 'ABCD', 30);
    expect(fast.key('Enter', t)).toEqual([{ type: 'scan', code: 'ABCD' }]);
    const slow = new WedgeDetector({ ...DEFAULT_WEDGE, maxGapMs: 100 });
    const s = type(slow, 'ABCD', 31);
    expect(slow.key('Enter', s.t)).toEqual([{ type: 'release', text: 'ABCD' }, { type: 'pass' }]);
  });

  it('exactly the minimum length is a scan; one less is typing', () => {
    const w = new WedgeDetector(DEFAULT_WEDGE);
    expect(w.key('Enter', type(w, 'ABCD', 5).t)).toEqual([{ type: 'scan', code: 'ABCD' }]);
    const short = new WedgeDetector(DEFAULT_WEDGE);
    expect(short.key('Tab', type(short, 'ABC', 5).t)).toEqual([
      { type: 'release', text: 'ABC' },
      { type: 'pass' },
    ]);
  });

  it('a gap of exactly 60 ms keeps the burst; 61 ms gives the held keys back first', () => {
    const w = new WedgeDetector({ ...DEFAULT_WEDGE, avgMsPerChar: 100 });
    w.key('A', 0);
    expect(w.key('B', 60)).toEqual([{ type: 'hold' }]);
    expect(w.key('C', 121)).toEqual([{ type: 'release', text: 'AB' }, { type: 'hold' }]);
    expect(w.holding).toBe(true);
  });

  it('the suffix after a pause longer than the gap is not a scan', () => {
    const w = new WedgeDetector({ ...DEFAULT_WEDGE, maxGapMs: 60, avgMsPerChar: 1000 });
    type(w, 'ABCD', 10); // last key at 30
    expect(w.key('Enter', 91)).toEqual([{ type: 'release', text: 'ABCD' }, { type: 'pass' }]);
  });

  it('timeout gives the keys back at exactly the gap, not before', () => {
    const w = new WedgeDetector(DEFAULT_WEDGE);
    w.key('x', 100);
    expect(w.timeout(159)).toEqual([]);
    expect(w.timeout(160)).toEqual([{ type: 'release', text: 'x' }]);
    expect(w.timeout(500)).toEqual([]);
    expect(w.holding).toBe(false);
  });

  it('Shift is held inside a burst and passed outside; other named keys end it and pass', () => {
    const w = new WedgeDetector(DEFAULT_WEDGE);
    expect(w.key('Shift', 0)).toEqual([{ type: 'pass' }]);
    w.key('A', 1);
    expect(w.key('Shift', 2)).toEqual([{ type: 'hold' }]);
    expect(w.key('Backspace', 3)).toEqual([{ type: 'release', text: 'A' }, { type: 'pass' }]);
    expect(w.key('Enter', 4)).toEqual([{ type: 'pass' }]);
    expect(w.key('ArrowLeft', 5)).toEqual([{ type: 'pass' }]);
  });

  it('with a prefix, only prefixed bursts are scans, without it', () => {
    const w = new WedgeDetector({ ...DEFAULT_WEDGE, prefix: '#' });
    expect(w.key('Enter', type(w, '#ABCD', 5).t)).toEqual([{ type: 'scan', code: 'ABCD' }]);
    expect(w.key('Enter', type(w, 'ABCDE', 5, 1000).t)).toEqual([
      { type: 'release', text: 'ABCDE' },
      { type: 'pass' },
    ]);
    // Minimum length counts after the prefix.
    expect(w.key('Enter', type(w, '#ABC', 5, 2000).t)).toEqual([
      { type: 'release', text: '#ABC' },
      { type: 'pass' },
    ]);
  });

  it('new settings apply to the burst in progress', () => {
    const w = new WedgeDetector(DEFAULT_WEDGE);
    const { t } = type(w, 'AB', 5);
    w.configure({ ...DEFAULT_WEDGE, minLength: 2 });
    expect(w.key('Enter', t)).toEqual([{ type: 'scan', code: 'AB' }]);
  });
});
