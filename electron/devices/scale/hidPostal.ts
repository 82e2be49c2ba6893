import { hex, toGrams, type ScaleFrame, type WeightUnit } from './codecs';

const UNITS: Record<number, WeightUnit> = { 2: 'g', 3: 'kg', 11: 'oz', 12: 'lb' };

/**
 * USB HID postal scales (Dymo, Stamps.com and alike): report `03 status unit exp weightLSB weightMSB`;
 * status 2 stable zero, 3 moving, 4 stable, 5 under zero, 6 overweight; value = weight × 10^exp (exp signed).
 */
export function decodePostalReport(report: Uint8Array): ScaleFrame | null {
  if (report.length < 6 || report[0] !== 0x03) return null;
  const [status, unitCode, expByte, lsb, msb] = [report[1]!, report[2]!, report[3]!, report[4]!, report[5]!];
  const raw = hex(report.subarray(0, 6));
  if (status === 5) return { type: 'error', error: 'underload', raw };
  if (status === 6) return { type: 'error', error: 'overload', raw };
  const unit = UNITS[unitCode];
  if (!unit || status < 2 || status > 4) return null;
  const exp = expByte > 127 ? expByte - 256 : expByte;
  const value = (lsb | (msb << 8)) * 10 ** exp;
  return {
    type: 'weight',
    grams: toGrams(value, unit),
    stable: status !== 3,
    net: false,
    divisionG: Math.max(1, toGrams(10 ** exp, unit)),
    raw,
  };
}
