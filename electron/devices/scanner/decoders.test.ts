import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, GenericPosDecoder, HoneywellPosDecoder, ScanLines } from './index';

/** A 64-byte Honeywell HID POS report, laid out as the scanner sends it. */
function honeywell(data: string, aim: string, more: boolean): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(Buffer.from(aim, 'ascii'), 2);
  r.set(Buffer.from(data, 'utf8'), 5);
  r[63] = more ? 1 : 0;
  return r;
}

describe('Honeywell HID POS decoder', () => {
  it('reads one report with its AIM identifier', () => {
    const d = new HoneywellPosDecoder();
    expect(d.push(honeywell('6901234567892', ']E0', false))).toEqual({
      code: '6901234567892',
      symbology: 'ean13',
    });
  });
  it('joins a code spread over several reports (byte 63 = 1 means more)', () => {
    const long = 'https://example.com/track?waybill=SF1234567890123&order=SO202611290001';
    const d = new HoneywellPosDecoder();
    expect(d.push(honeywell(long.slice(0, 56), ']Q1', true))).toBeNull();
    expect(d.push(honeywell(long.slice(56), ']Q1', false))).toEqual({ code: long, symbology: 'qr' });
  });
  it('ignores reports of another id', () => {
    const r = honeywell('x', ']C0', false);
    r[0] = 0x04;
    expect(new HoneywellPosDecoder().push(r)).toBeNull();
  });
});

describe('generic HID POS decoder', () => {
  it('a short report ends the code; an AIM prefix in the data is read', () => {
    const d = new GenericPosDecoder();
    const r = new Uint8Array(64);
    const text = ']C1010690123456789221ABC';
    r[0] = text.length;
    r.set(Buffer.from(text), 1);
    expect(d.push(r)).toEqual({ code: '010690123456789221ABC', symbology: 'gs1-128' });
  });
  it('full reports continue until one ends in CR', () => {
    const d = new GenericPosDecoder();
    const a = Uint8Array.from([7, ...Buffer.from('SO20261')]);
    const b = Uint8Array.from([8, ...Buffer.from('1290001\r')]);
    expect(d.push(a)).toBeNull();
    expect(d.push(b)).toEqual({ code: 'SO202611290001', symbology: null });
  });
});

describe('boot keyboard decoder (US layout)', () => {
  // Recorded from a scanner typing "Ab-1" + Enter: press/release pairs, shift for the capital.
  const reports = [
    [0x02, 0, 0x04, 0, 0, 0, 0, 0], // Shift + a → A
    [0x00, 0, 0, 0, 0, 0, 0, 0],
    [0x00, 0, 0x05, 0, 0, 0, 0, 0], // b
    [0x00, 0, 0, 0, 0, 0, 0, 0],
    [0x00, 0, 0x2d, 0, 0, 0, 0, 0], // -
    [0x00, 0, 0x2d, 0x1e, 0, 0, 0, 0], // '-' still held, 1 newly pressed
    [0x00, 0, 0, 0, 0, 0, 0, 0],
    [0x00, 0, 0x28, 0, 0, 0, 0, 0], // Enter
    [0x00, 0, 0, 0, 0, 0, 0, 0],
  ].map((r) => Uint8Array.from(r));

  it('emits one character per newly pressed key and the code at Enter', () => {
    const d = new BootKeyboardDecoder();
    const out = reports.map((r) => d.push(r)).filter(Boolean);
    expect(out).toEqual([{ code: 'Ab-1', symbology: null }]);
  });
  it('the same key twice needs a release in between (no double letters from a held key)', () => {
    const d = new BootKeyboardDecoder();
    const report = (...keys: number[]) => Uint8Array.from([0, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
    const outs = [
      report(0x1e), // 1 pressed
      report(0x1e), // 1 still held: no second character
      report(), // released
      report(0x1e), // 1 pressed again: a second character
      report(0x1e, 0x1f), // 1 held, 2 newly pressed
      report(),
    ].map((r) => d.push(r));
    expect(outs).toEqual([null, null, null, null, null, null]);
    expect(d.push(report(0x28))).toEqual({ code: '112', symbology: null });
    // Every report of a code is null until Enter, and the decoder starts afresh after it.
    expect(reports.map((r) => d.push(r))).toEqual([
      ...Array(7).fill(null),
      { code: 'Ab-1', symbology: null },
      null,
    ]);
  });
});

describe('serial line splitter', () => {
  it('splits on the suffix across arbitrary chunks and ignores a stray LF after CR', () => {
    const s = new ScanLines('\r');
    expect(s.push(Buffer.from('69012'))).toEqual([]);
    expect(s.push(Buffer.from('34567892\r\nSO-1'))).toEqual(['6901234567892']);
    expect(s.push(Buffer.from('\r'))).toEqual(['SO-1']);
  });
  it('decodes UTF-8 split inside a character', () => {
    const s = new ScanLines('\n');
    const bytes = Buffer.from('货号-1\n');
    expect([...s.push(bytes.subarray(0, 2)), ...s.push(bytes.subarray(2))]).toEqual(['货号-1']);
  });
});

describe('HID POS scanner through the real node-hid (no USB bus here)', () => {
  it('a missing device is reported disconnected with the VID:PID, and retried', async () => {
    const { HidPosScanner } = await import('./index');
    const states: { state: string; detail?: string }[] = [];
    const s = new HidPosScanner({
      name: 'hid',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      onScan: () => undefined,
      onState: (state, detail) => states.push({ state, detail }),
    });
    s.start();
    for (let i = 0; i < 100 && !states.some((x) => x.state === 'disconnected'); i++)
      await new Promise((r) => setTimeout(r, 20));
    await s.stop();
    expect(states[0]).toEqual({ state: 'connecting', detail: undefined });
    expect(states.find((x) => x.state === 'disconnected')?.detail).toMatch(/HID 0c2e:0b61: .*retrying/);
  });
});
