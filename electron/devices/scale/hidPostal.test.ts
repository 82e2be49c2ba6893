import { describe, expect, it } from 'vitest';
import { decodePostalReport } from './hidPostal';

// Reports as a Dymo M10 sends them: 03 status unit exp lsb msb.
describe('USB HID postal scale reports', () => {
  it.each([
    ['stable 1234 g', [0x03, 0x04, 0x02, 0x00, 0xd2, 0x04], { type: 'weight', grams: 1234, stable: true }],
    ['moving', [0x03, 0x03, 0x02, 0x00, 0x10, 0x00], { type: 'weight', grams: 16, stable: false }],
    ['stable zero', [0x03, 0x02, 0x02, 0x00, 0x00, 0x00], { type: 'weight', grams: 0, stable: true }],
    ['ounces with exp −1: 12.5 oz', [0x03, 0x04, 0x0b, 0xff, 0x7d, 0x00], { grams: 354 }],
    ['kg with exp −3', [0x03, 0x04, 0x03, 0xfd, 0xe8, 0x03], { grams: 1000, divisionG: 1 }],
    ['under zero', [0x03, 0x05, 0x02, 0x00, 0x00, 0x00], { type: 'error', error: 'underload' }],
    ['overweight', [0x03, 0x06, 0x02, 0x00, 0x00, 0x00], { type: 'error', error: 'overload' }],
  ])('%s', (_name, bytes, expected) => {
    expect(decodePostalReport(Uint8Array.from(bytes))).toMatchObject(expected);
  });
  it('ignores other report ids and unknown units', () => {
    expect(decodePostalReport(Uint8Array.from([0x05, 0x04, 0x02, 0, 1, 0]))).toBeNull();
    expect(decodePostalReport(Uint8Array.from([0x03, 0x04, 0x07, 0, 1, 0]))).toBeNull();
  });
});
