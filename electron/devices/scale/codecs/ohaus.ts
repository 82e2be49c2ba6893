import { LineDecoder } from './lines';
import { ascii, divisionOf, fromGrams, hex, parseUnit, toGrams, type ScaleCodec } from './types';

/** Ohaus (IP/P/CP/SP/T/Z): `[polarity] [weight, 7 right-aligned] [unit] [' '|'?'] [G|NET|T]`; `?` = unstable. */
const PATTERN = /^\s*(-)?\s*([0-9]*\.?[0-9]+)\s+([a-zA-Z]+)\s*(\?)?\s*(G|NET|N|T)?\s*$/;

export const ohaus: ScaleCodec = {
  name: 'ohaus',
  kind: 'demand',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  poll: ascii('IP\r\n'),
  zero: ascii('Z\r\n'),
  tare: ascii('T\r\n'),
  decoder: (fallback) =>
    new LineDecoder((line, raw) => {
      const m = PATTERN.exec(line);
      if (!m) return null;
      const [, minus, value, unitText, unstable, mode] = m;
      if (mode === 'T') return { type: 'ack', what: 'tare', ok: true, raw: hex(raw) };
      if (minus && Number(value) > 0) return { type: 'error', error: 'negative', raw: hex(raw) };
      const unit = parseUnit(unitText!) ?? fallback;
      return {
        type: 'weight',
        grams: toGrams(Number(value), unit),
        stable: !unstable,
        net: mode === 'NET' || mode === 'N',
        divisionG: divisionOf(value!, unit),
        raw: hex(raw),
      };
    }),
  frame: (w) =>
    ascii(
      `${w.grams < 0 ? '-' : ' '}${Math.abs(fromGrams(w.grams, 'kg')).toFixed(3).padStart(7)} kg${w.stable ? ' ' : '?'} ${w.net ? 'NET' : 'G'}\r\n`,
    ),
  answer(command, w) {
    const c = command.trim();
    if (c === 'IP' || c === 'P' || c === 'SP') return ohaus.frame(w, 'kg');
    if (c === 'Z' || c === 'T') return new Uint8Array();
    return null;
  },
};
