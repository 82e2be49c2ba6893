import { SCALE_PROTOCOLS, type ScaleProtocol } from '../../../../shared/devices';

export { SCALE_PROTOCOLS, type ScaleProtocol };
export type WeightUnit = 'kg' | 'g' | 'lb' | 'oz';

/** Named reasons a scale gives no usable weight. */
export type ScaleError =
  | 'negative'
  | 'overload'
  | 'underload'
  | 'motion'
  | 'not-zeroed'
  | 'checksum'
  | 'busy'
  | 'command'
  | 'parity';

export type ScaleFrame =
  | {
      type: 'weight';
      grams: number;
      /** The scale's own stability flag; null when the protocol has none (a time window decides). */
      stable: boolean | null;
      net: boolean;
      /** One display division, in grams: the stability window's tolerance. */
      divisionG: number;
      raw: string;
    }
  | { type: 'error'; error: ScaleError; raw: string }
  | { type: 'ack'; what: 'zero' | 'tare'; ok: boolean; raw: string };

/** Bytes in, frames out; pieces of frames wait for the rest, bytes that fit no frame are skipped and counted. */
export interface FrameDecoder {
  push(bytes: Uint8Array): ScaleFrame[];
  readonly noise: number;
}

/** What the emulator shows: the weight on the platter and the scale's own condition. */
export interface EmulatedWeight {
  grams: number;
  stable: boolean;
  net?: boolean;
  overload?: boolean;
  underload?: boolean;
}

export interface SerialDefaults {
  baud: number;
  parity: 'none' | 'even' | 'odd';
  dataBits: 7 | 8;
}

export interface ScaleCodec {
  name: ScaleProtocol;
  /** demand: the bench asks (`poll`); continuous: the scale streams frames by itself. */
  kind: 'demand' | 'continuous';
  serial: SerialDefaults;
  poll?: Uint8Array;
  zero?: Uint8Array;
  tare?: Uint8Array;
  /** `unit` is used where frames carry none (8217, Toledo continuous in lb mode, Yaohua). */
  decoder(unit: WeightUnit): FrameDecoder;
  /** Emulator, continuous: one frame for this weight. */
  frame(w: EmulatedWeight, unit: WeightUnit): Uint8Array;
  /** Emulator, demand: the answer to a command the bench sent (null: not a command of this protocol). */
  answer?(command: string, w: EmulatedWeight, unit: WeightUnit): Uint8Array | null;
}

const FACTOR: Record<WeightUnit, number> = { kg: 1000, g: 1, lb: 453.59237, oz: 28.349523125 };

export function toGrams(value: number, unit: WeightUnit): number {
  return Math.round(value * FACTOR[unit]);
}

export function fromGrams(grams: number, unit: WeightUnit): number {
  return grams / FACTOR[unit];
}

export function parseUnit(text: string): WeightUnit | null {
  const u = text.trim().toLowerCase();
  if (u === 'kg' || u === 'g' || u === 'lb' || u === 'oz') return u;
  if (u === 'lbs') return 'lb';
  return null;
}

/** Decimal places of a number as printed ("1.234" → 3). */
export const decimals = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

/** The division a printed value implies: one unit in its last decimal place, at least 1 g. */
export const divisionOf = (text: string, unit: WeightUnit) =>
  Math.max(1, toGrams(10 ** -decimals(text), unit));

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
