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
} from './types';

/**
 * The "ST,GS" family (A&D, CAS and many Chinese indicators): `ST,GS,+  1.234kg`. First field ST stable / US
 * unstable / OL overload, second GS gross / NT net. CAS 22-byte frames put an ID byte and a lamp byte before the
 * weight (`ST,GS,<id>,<lamp>,…`); lamp bit 6 is their stability lamp. Spacing varies: one tolerant pattern.
 */
const PATTERN = /^(ST|US|OL),(GS|NT),(?:(.),(.),)?\s*([+-])?\s*([0-9]*\.?[0-9]+)?\s*([a-zA-Z]*)\s*$/;

export const asciiStGs: ScaleCodec = {
  name: 'ascii',
  kind: 'continuous',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  decoder: (fallback) =>
    new LineDecoder((line, raw) => {
      const m = PATTERN.exec(line);
      if (!m) return null;
      const [, status, mode, , lamp, sign, value, unitText] = m;
      if (status === 'OL') return { type: 'error', error: 'overload', raw: hex(raw) };
      if (!value) return null;
      if (sign === '-' && Number(value) > 0) return { type: 'error', error: 'negative', raw: hex(raw) };
      const unit = parseUnit(unitText ?? '') ?? fallback;
      const lampStable = lamp === undefined ? true : (lamp.charCodeAt(0) & 0x40) !== 0;
      const frame: ScaleFrame = {
        type: 'weight',
        grams: toGrams(Number(value), unit),
        stable: status === 'ST' && lampStable,
        net: mode === 'NT',
        divisionG: divisionOf(value, unit),
        raw: hex(raw),
      };
      return frame;
    }),
  frame(w) {
    if (w.overload) return ascii('OL,GS,+ 9999.99kg\r\n');
    const value = Math.abs(fromGrams(w.grams, 'kg')).toFixed(3).padStart(7);
    return ascii(`${w.stable ? 'ST' : 'US'},${w.net ? 'NT' : 'GS'},${w.grams < 0 ? '-' : '+'}${value}kg\r\n`);
  },
};
