import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEDGE,
  WedgeDetector,
  commandBarcode,
  gtinCandidates,
  parseCommand,
  parseGs1,
  readScan,
  stripAim,
} from './index';

describe('AIM identifiers', () => {
  it.each([
    [']C1010950110153000317240101', 'gs1-128', '010950110153000317240101'],
    [']E06901234567892', 'ean13', '6901234567892'],
    [']Q1https://x', 'qr', 'https://x'],
    ['6901234567892', null, '6901234567892'],
  ])('%s → %s', (raw, symbology, data) => {
    expect(stripAim(raw)).toMatchObject({ symbology, data });
  });
});

describe('GS1 element strings', () => {
  it('reads GTIN, expiry, batch and serial with real GS separators', () => {
    const d = parseGs1('0109501101530003172512311012AB\u001d21SN-0042');
    expect(d).toMatchObject({
      gtin: '09501101530003',
      expiry: '2025-12-31',
      batch: '12AB',
      serial: 'SN-0042',
    });
  });
  it('reads the same with a configured GS substitute', () => {
    expect(parseGs1('01095011015300031725123110LOT7|21S1', '|')).toMatchObject({
      batch: 'LOT7',
      serial: 'S1',
    });
  });
  it('a fixed-length AI needs no separator; a variable one at the end needs none either', () => {
    expect(parseGs1('010950110153000321XYZ')).toMatchObject({ gtin: '09501101530003', serial: 'XYZ' });
  });
  it('day 00 is the last day of the month', () => {
    expect(parseGs1('0109501101530003172402' + '00').expiry).toBe('2024-02-29');
  });
  it('refuses a truncated fixed field and an unknown AI', () => {
    expect(() => parseGs1('0109501101')).toThrow(/needs 14/);
    expect(() => parseGs1('0109501101530003' + '77abc')).toThrow(/unknown GS1/);
  });
  it('tries the EAN-13 inside a GTIN-14', () => {
    expect(gtinCandidates('06901234567892')).toEqual(['06901234567892', '6901234567892']);
  });
  it('readScan: a GS1 AIM id forces GS1; a plain EAN stays plain', () => {
    expect(readScan(']C10106901234567892' + '21S9').kind).toBe('gs1');
    expect(readScan('6901234567892')).toEqual({ kind: 'plain', code: '6901234567892', symbology: null });
    expect(readScan(']C1zzz').kind).toBe('invalid');
  });
});

describe('command barcodes', () => {
  it.each(['PB:UNDO', 'PB:CONFIRM', 'PB:LOGOUT', 'PB:HOLD:damaged', 'PB:PARTIAL:short-stock'])(
    '%s round-trips',
    (code) => {
      const c = parseCommand(code)!;
      expect(commandBarcode(c)).toBe(code.replace(/^PB:(\w+)/, (m) => m.toUpperCase()));
    },
  );
  it('a hold without a reason is not a command', () => expect(parseCommand('PB:HOLD')).toBeNull());
});

/** Feeds "text" + Enter with `ms` between keys; returns the actions and what a text field would have received. */
function type(det: WedgeDetector, text: string, ms: number, start = 1000, suffix = 'Enter') {
  const actions = [];
  let t = start;
  let field = '';
  for (const ch of text) {
    actions.push(...det.timeout(t));
    actions.push(...det.key(ch, t));
    t += ms;
  }
  actions.push(...det.timeout(t));
  actions.push(...det.key(suffix, t));
  for (const a of actions) if (a.type === 'release') field += a.text;
  return {
    scans: actions.filter((a) => a.type === 'scan').map((a) => (a as { code: string }).code),
    field,
    actions,
  };
}

describe('wedge burst detector', () => {
  it.each([
    ['scanner, 5 ms per char', '6901234567892', 5, ['6901234567892'], ''],
    ['scanner, 25 ms per char', 'SO-2026-0001', 25, ['SO-2026-0001'], ''],
    ['person, 120 ms per char', 'hello world', 120, [], 'hello world'],
    ['person, 45 ms per char (fast typist)', 'abcdefgh', 45, [], 'abcdefgh'],
    ['fast but too short', 'ab', 5, [], 'ab'],
  ])('%s', (_name, text, ms, scans, field) => {
    const r = type(new WedgeDetector(), text, ms);
    expect(r.scans).toEqual(scans);
    expect(r.field).toBe(field);
  });

  it('a Tab suffix ends a scan too', () => {
    expect(type(new WedgeDetector(), 'TOTE-0042', 4, 0, 'Tab').scans).toEqual(['TOTE-0042']);
  });

  it('a person typing, then a scan: the typing goes to the field, the scan does not', () => {
    const det = new WedgeDetector();
    const person = type(det, 'qty', 150, 0, 'x');
    expect(person.field).toBe('qty');
    const scan = type(det, '6901234567892', 5, 10_000);
    expect(scan.scans).toEqual(['6901234567892']);
  });

  it('with a prefix, only prefixed bursts are scans and the prefix is removed', () => {
    const det = new WedgeDetector({ ...DEFAULT_WEDGE, prefix: '~' });
    expect(type(det, '~6901234567892', 5).scans).toEqual(['6901234567892']);
    expect(type(det, '6901234567892', 5, 5000).scans).toEqual([]);
  });

  it('the GS substitute passes through as a character', () => {
    expect(type(new WedgeDetector(), '0106901234567892|21S1', 3).scans).toEqual(['0106901234567892|21S1']);
  });

  it('a long pause in the middle splits: the first part goes back to the field', () => {
    const det = new WedgeDetector();
    const a = det.key('1', 0);
    det.key('2', 5);
    const released = det.timeout(100);
    expect(a).toEqual([{ type: 'hold' }]);
    expect(released).toEqual([{ type: 'release', text: '12' }]);
  });
});
