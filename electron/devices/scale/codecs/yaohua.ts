import {
  ascii,
  fromGrams,
  hex,
  toGrams,
  type FrameDecoder,
  type ScaleCodec,
  type ScaleFrame,
  type WeightUnit,
} from './types';

const STX = 0x02;
const ETX = 0x03;
const EQ = 0x3d;

/** XOR of the bytes from sign through dp, as two upper-case hex characters. */
export const yaohuaXor = (bytes: Uint8Array) =>
  bytes
    .reduce((x, b) => x ^ b, 0)
    .toString(16)
    .toUpperCase()
    .padStart(2, '0');

/**
 * 耀华 XK3190 (A9/A12/A26) continuous output. tF=0: 12 bytes `02 sign d×6 dp XH XL 03` (dp = digits after the point);
 * the other mode: `=` and the 8 display characters reversed, no terminator (3.000 → `=000.3000`). No stability flag.
 */
class YaohuaDecoder implements FrameDecoder {
  private buf: number[] = [];
  noise = 0;
  constructor(private readonly unit: WeightUnit) {}

  push(bytes: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    for (const b of bytes) {
      if (this.buf.length === 0 && b !== STX && b !== EQ) {
        this.noise++;
        continue;
      }
      if (
        this.buf.length > 0 &&
        (b === STX || b === EQ) &&
        !(this.buf[0] === STX && this.buf.length < 12 && b === EQ)
      ) {
        // A new frame starts before this one was complete: the partial one was noise.
        this.noise += this.buf.length;
        this.buf = [];
      }
      this.buf.push(b);
      if (this.buf[0] === STX && this.buf.length === 12) {
        out.push(this.tf0(Uint8Array.from(this.buf)));
        this.buf = [];
      } else if (this.buf[0] === EQ && this.buf.length === 9) {
        const f = this.reversed(Uint8Array.from(this.buf));
        if (f) out.push(f);
        else this.noise += 9;
        this.buf = [];
      }
    }
    return out;
  }

  private tf0(raw: Uint8Array): ScaleFrame {
    if (raw[11] !== ETX) {
      this.noise += 12;
      return { type: 'error', error: 'checksum', raw: hex(raw) };
    }
    const text = Buffer.from(raw).toString('latin1');
    if (yaohuaXor(raw.subarray(1, 9)) !== text.slice(9, 11))
      return { type: 'error', error: 'checksum', raw: hex(raw) };
    const dp = Number(text[8]);
    const digits = text.slice(2, 8);
    if (!/^\d{6}$/.test(digits) || !(dp >= 0 && dp <= 4))
      return { type: 'error', error: 'checksum', raw: hex(raw) };
    if (text[1] === '-') return { type: 'error', error: 'negative', raw: hex(raw) };
    return {
      type: 'weight',
      grams: toGrams(Number(digits) / 10 ** dp, this.unit),
      stable: null,
      net: false,
      divisionG: Math.max(1, toGrams(10 ** -dp, this.unit)),
      raw: hex(raw),
    };
  }

  private reversed(raw: Uint8Array): ScaleFrame | null {
    const shown = [...Buffer.from(raw.subarray(1)).toString('latin1')].reverse().join('');
    if (!/^-?[0-9.]+$/.test(shown)) return null;
    if (shown.startsWith('-')) return { type: 'error', error: 'negative', raw: hex(raw) };
    const dec = shown.includes('.') ? shown.length - shown.indexOf('.') - 1 : 0;
    return {
      type: 'weight',
      grams: toGrams(Number(shown), this.unit),
      stable: null,
      net: false,
      divisionG: Math.max(1, toGrams(10 ** -dec, this.unit)),
      raw: hex(raw),
    };
  }
}

export const yaohua: ScaleCodec = {
  name: 'yaohua',
  kind: 'continuous',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  decoder: (unit) => new YaohuaDecoder(unit),
  frame(w, unit) {
    const body = ascii(
      `${w.grams < 0 ? '-' : '+'}${String(Math.round(Math.abs(fromGrams(w.grams, unit)) * 1000))
        .padStart(6, '0')
        .slice(-6)}3`,
    );
    return Uint8Array.from([STX, ...body, ...ascii(yaohuaXor(body)), ETX]);
  },
};

/** 耀华 A12E 15-byte frames: `W` `G|N` 7 weight characters `kg` XOR(hex of bytes 1–11) CR LF; `OL`/`LO` over/under. */
export const yaohuaA12e: ScaleCodec = {
  name: 'yaohua-a12e',
  kind: 'continuous',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  decoder: () => new A12eDecoder(),
  frame(w) {
    const body = w.overload
      ? `${' '.repeat(9)}OL`
      : `W${w.net ? 'N' : 'G'}${fromGrams(w.grams, 'kg').toFixed(3).padStart(7, '0')}kg`;
    return ascii(`${body}${yaohuaXor(ascii(body))}\r\n`);
  },
};

class A12eDecoder implements FrameDecoder {
  private buf: number[] = [];
  noise = 0;

  push(bytes: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    for (const b of bytes) {
      this.buf.push(b);
      if (b !== 0x0a) {
        if (this.buf.length > 15) this.noise += this.buf.splice(0, this.buf.length - 15).length;
        continue;
      }
      // A frame is the 15 bytes ending in this LF; anything before them was noise.
      const start = Math.max(0, this.buf.length - 15);
      this.noise += start;
      const raw = Uint8Array.from(this.buf.slice(start));
      this.buf = [];
      const f = this.parse(raw);
      if (f) out.push(f);
      else this.noise += raw.length;
    }
    return out;
  }

  private parse(raw: Uint8Array): ScaleFrame | null {
    if (raw.length !== 15 || raw[13] !== 0x0d) return null;
    const text = Buffer.from(raw).toString('latin1');
    const body = text.slice(0, 11);
    if (yaohuaXor(raw.subarray(0, 11)) !== text.slice(11, 13))
      return { type: 'error', error: 'checksum', raw: hex(raw) };
    if (body === `${' '.repeat(9)}OL`) return { type: 'error', error: 'overload', raw: hex(raw) };
    if (body === `${' '.repeat(9)}LO`) return { type: 'error', error: 'underload', raw: hex(raw) };
    const m = /^W([GN])([ 0-9.-]{7})kg$/.exec(body);
    if (!m) return null;
    const value = m[2]!.trim();
    if (value.startsWith('-')) return { type: 'error', error: 'negative', raw: hex(raw) };
    const dec = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
    return {
      type: 'weight',
      grams: toGrams(Number(value), 'kg'),
      stable: null,
      net: m[1] === 'N',
      divisionG: Math.max(1, toGrams(10 ** -dec, 'kg')),
      raw: hex(raw),
    };
  }
}
