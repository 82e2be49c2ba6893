import { describe, expect, it } from 'vitest';
import {
  commandBarcode,
  GS,
  gtinCandidates,
  looksLikeGs1,
  parseCommand,
  parseGs1,
  readScan,
  stripAim,
} from './index';

// Tables from the AIM ISO/IEC 15424 identifiers and the GS1 General Specifications (../shared/reference/scanners.md).
describe('AIM symbology identifiers', () => {
  it.each([
    [']C0', 'code128', false],
    [']C1', 'gs1-128', true],
    [']E0', 'ean13', false],
    [']E4', 'ean8', false],
    [']I1', 'itf14', false],
    [']A0', 'code39', false],
    [']Q1', 'qr', false],
    [']Q3', 'gs1-qr', true],
    [']d1', 'datamatrix', false],
    [']d2', 'gs1-datamatrix', true],
    [']e0', 'gs1-databar', true],
  ])('%s is %s (GS1: %s)', (id, name, gs1) => {
    expect(stripAim(`${id}12345`)).toEqual({ data: '12345', symbology: name, gs1 });
  });
  it('an unknown identifier is stripped and named by its text; anything else is no identifier', () => {
    expect(stripAim(']X9ABC')).toEqual({ data: 'ABC', symbology: ']X9', gs1: false });
    for (const raw of ['ABC', ']9XABC', ' ]C1', 'x]C1'])
      expect(stripAim(raw)).toEqual({ data: raw, symbology: null, gs1: false });
  });
});

describe('GS1 element strings', () => {
  it.each([
    ['00 SSCC, fixed 18', `00${'3'.repeat(18)}`, { '00': '3'.repeat(18) }],
    ['02 content GTIN, fixed 14', `020690123456789110LOT`, { '02': '06901234567891', '10': 'LOT' }],
    [
      '11 production date, fixed 6',
      `01069012345678911126113010ABC`,
      { '01': '06901234567891', '11': '261130', '10': 'ABC' },
    ],
    ['20 variant, fixed 2', `0106901234567891207521S1`, { '01': '06901234567891', '20': '75', '21': 'S1' }],
    [
      '3103 net weight kg, 4-digit AI, fixed 6',
      `01069012345678913103001250`,
      { '01': '06901234567891', '3103': '001250' },
    ],
    ['3922 is not a fixed AI we read', null, null],
    ['410 ship-to GLN, 3-digit AI, fixed 13', `4106901234567890${GS}`, { '410': '6901234567890' }],
    ['240 additional id, variable', `240ABC${GS}10LOT`, { '240': 'ABC', '10': 'LOT' }],
    ['400 customer PO, variable, last', `400PO-77`, { '400': 'PO-77' }],
    ['91 company internal', `91XYZ`, { '91': 'XYZ' }],
  ])('%s', (_what, input, all) => {
    if (input === null)
      return expect(() => parseGs1('3922001')).toThrow('unknown GS1 application identifier at "392200"');
    expect(parseGs1(input).all).toEqual(all);
  });

  it('a fixed AI followed by GS is read the same as without; a leading GS (FNC1) is dropped', () => {
    const plain = parseGs1('010690123456789117261130');
    expect(parseGs1(`${GS}0106901234567891${GS}17261130`)).toEqual(plain);
    expect(plain).toEqual({
      all: { '01': '06901234567891', '17': '261130' },
      gtin: '06901234567891',
      expiry: '2026-11-30',
    });
  });

  it('too short a fixed field names the AI and the count', () => {
    expect(() => parseGs1('01069012345')).toThrow('AI (01) needs 14 characters, got 9');
    expect(() => parseGs1('0106901234567891170101')).toThrow('AI (17) needs 6 characters, got 4');
  });

  it('expiry: YYMMDD in the 2000s, day 00 the month’s last day, months 1–12 only', () => {
    const exp = (d: string) => parseGs1(`0106901234567891 17${d}`.replace(' ', '')).expiry;
    expect(exp('270100')).toBe('2027-01-31');
    expect(exp('280200')).toBe('2028-02-29');
    expect(exp('271200')).toBe('2027-12-31');
    expect(exp('270101')).toBe('2027-01-01');
    expect(() => exp('271301')).toThrow('AI (17) month 13 is not a month');
    expect(() => exp('270001')).toThrow('AI (17) month 0 is not a month');
    expect(() => parseGs1('01069012345678911727AB01')).toThrow('AI (17) expiry must be YYMMDD, got 27AB01');
  });

  it('batch, serial and GTIN are lifted out; empty ones are not', () => {
    expect(parseGs1(`0106901234567891${GS}10B1${GS}21S1`)).toMatchObject({
      gtin: '06901234567891',
      batch: 'B1',
      serial: 'S1',
    });
    expect(parseGs1('0106901234567891')).not.toHaveProperty('batch');
  });

  it('a wedge substitute for GS works, and only GTIN-led strings with more after them look like GS1', () => {
    expect(parseGs1('0106901234567891|10B1|21S1', '|')).toMatchObject({ batch: 'B1', serial: 'S1' });
    expect(looksLikeGs1('010690123456789110B')).toBe(true);
    expect(looksLikeGs1(`00${'1'.repeat(18)}X`)).toBe(true);
    expect(looksLikeGs1(`02${'1'.repeat(14)}X`)).toBe(true);
    for (const s of [
      '0106901234567891',
      `00${'1'.repeat(18)}`,
      '01069012345678',
      'X0106901234567891',
      '6901234567892',
    ])
      expect(looksLikeGs1(s), s).toBe(false);
  });

  it('GTIN-14 candidates: as is, without one or two leading zeros', () => {
    expect(gtinCandidates('00690123456789')).toEqual(['00690123456789', '0690123456789', '690123456789']);
    expect(gtinCandidates('06901234567891')).toEqual(['06901234567891', '6901234567891']);
    expect(gtinCandidates('16901234567891')).toEqual(['16901234567891']);
  });
});

describe('command barcodes and readings', () => {
  it('reads every command, in any case; a reason may hold colons; hold and partial need one', () => {
    expect(parseCommand('pb:undo')).toEqual({ command: 'undo' });
    expect(parseCommand('PB:CONFIRM')).toEqual({ command: 'confirm' });
    expect(parseCommand('PB:LOGOUT')).toEqual({ command: 'logout' });
    expect(parseCommand('PB:MODE:ITEM')).toEqual({ command: 'mode', mode: 'item-first' });
    expect(parseCommand('pb:mode:order')).toEqual({ command: 'mode', mode: 'order-first' });
    expect(parseCommand('PB:MODE:BOTH')).toBeNull();
    expect(commandBarcode({ command: 'mode', mode: 'item-first' })).toBe('PB:MODE:ITEM');
    expect(parseCommand('PB:HOLD: damaged:box ')).toEqual({ command: 'hold', reason: 'damaged:box' });
    expect(parseCommand('PB:PARTIAL:short-stock')).toEqual({ command: 'partial', reason: 'short-stock' });
    for (const c of ['PB:HOLD', 'PB:HOLD: ', 'PB:PARTIAL:', 'PB:', 'PB:NOPE', 'XPB:UNDO', 'UNDO'])
      expect(parseCommand(c), c).toBeNull();
    expect(commandBarcode({ command: 'hold', reason: 'damaged' })).toBe('PB:HOLD:damaged');
    expect(commandBarcode({ command: 'undo' })).toBe('PB:UNDO');
  });

  it('a reading is a command, GS1, plain, or an invalid GS1-marked scan, with its symbology', () => {
    expect(readScan('  ]C0PB:UNDO ')).toEqual({
      kind: 'command',
      command: { command: 'undo' },
      symbology: 'code128',
    });
    expect(readScan(']C1010690123456789110B1')).toMatchObject({
      kind: 'gs1',
      code: '010690123456789110B1',
      symbology: 'gs1-128',
    });
    expect(readScan('010690123456789110B1|21S', '|')).toMatchObject({
      kind: 'gs1',
      code: '010690123456789110B1|21S',
      gs1: { serial: 'S' },
    });
    expect(readScan(']C1ZZZ')).toEqual({
      kind: 'invalid',
      code: 'ZZZ',
      reason: 'unknown GS1 application identifier at "ZZZ"',
      symbology: 'gs1-128',
    });
    // Looks like GS1 but is not valid, and the scanner did not say GS1: a plain code.
    expect(readScan('0106901234567891ZZ')).toEqual({
      kind: 'plain',
      code: '0106901234567891ZZ',
      symbology: null,
    });
    expect(readScan(']E06900012345004')).toEqual({
      kind: 'plain',
      code: '6900012345004',
      symbology: 'ean13',
    });
  });
});
