import { LineDecoder } from './lines';
import {
  ascii,
  divisionOf,
  fromGrams,
  hex,
  parseUnit,
  toGrams,
  type ScaleCodec,
  type ScaleFrame,
  type WeightUnit,
} from './types';

/** A weight value and unit as MT-SICS prints them; negative is refused by name. */
function weightFrame(
  value: string,
  unitText: string,
  stable: boolean,
  raw: Uint8Array,
  fallback: WeightUnit,
): ScaleFrame | null {
  const v = Number(value);
  if (!Number.isFinite(v)) return null;
  const unit = parseUnit(unitText) ?? fallback;
  if (v < 0) return { type: 'error', error: 'negative', raw: hex(raw) };
  return {
    type: 'weight',
    grams: toGrams(v, unit),
    stable,
    net: true,
    divisionG: divisionOf(value, unit),
    raw: hex(raw),
  };
}

/** Mettler Toledo MT-SICS level 0/1: `S`, `SI`, `SIR`, `Z`, `T`; replies are whitespace-separated and end in CR LF. */
export const sics: ScaleCodec = {
  name: 'sics',
  kind: 'demand',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  poll: ascii('SI\r\n'),
  zero: ascii('Z\r\n'),
  tare: ascii('T\r\n'),
  decoder: (unit) =>
    new LineDecoder((line, raw) => {
      const [cmd, status, value, unitText] = line.trim().split(/\s+/);
      const err = (error: 'overload' | 'underload' | 'busy' | 'command' | 'parity'): ScaleFrame => ({
        type: 'error',
        error,
        raw: hex(raw),
      });
      if (cmd === 'ES' || cmd === 'EL') return err('command');
      if (cmd === 'ET') return err('parity');
      if (status === '+') return err('overload');
      if (status === '-') return err('underload');
      if (cmd === 'S') {
        if (status === 'I') return err('busy');
        if ((status === 'S' || status === 'D') && value)
          return weightFrame(value, unitText ?? '', status === 'S', raw, unit);
      }
      if (cmd === 'Z' && (status === 'A' || status === 'I'))
        return { type: 'ack', what: 'zero', ok: status === 'A', raw: hex(raw) };
      if (cmd === 'T' && (status === 'S' || status === 'I'))
        return { type: 'ack', what: 'tare', ok: status === 'S', raw: hex(raw) };
      return null;
    }),
  frame: (w) => ascii(`S ${w.stable ? 'S' : 'D'} ${fromGrams(w.grams, 'kg').toFixed(3).padStart(10)} kg\r\n`),
  answer(command, w) {
    const value = fromGrams(w.grams, 'kg').toFixed(3).padStart(10);
    switch (command.trim()) {
      case 'S':
        if (w.overload) return ascii('S +\r\n');
        return ascii(w.stable ? `S S ${value} kg\r\n` : 'S I\r\n');
      case 'SI':
        if (w.overload) return ascii('S +\r\n');
        return ascii(`S ${w.stable ? 'S' : 'D'} ${value} kg\r\n`);
      case 'Z':
        return ascii('Z A\r\n');
      case 'T':
        return ascii(`T S ${value} kg\r\n`);
      default:
        return ascii('ES\r\n');
    }
  },
};
