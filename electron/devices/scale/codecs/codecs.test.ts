import { describe, expect, it } from 'vitest';
import { CODECS, toledoChecksum, yaohuaXor, type EmulatedWeight, type ScaleProtocol } from './index';

const bytes = (hexText: string) => Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ''), 'hex'));
const text = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const decode = (p: ScaleProtocol, input: Uint8Array, unit: 'kg' | 'lb' = 'kg') =>
  CODECS[p].decoder(unit).push(input);

describe('byte-exact fixtures from the protocol manuals (shared/reference/scales.md)', () => {
  it('MT-SICS: S S 1.234 kg', () => {
    expect(decode('sics', bytes('53 20 53 20 20 20 20 20 20 31 2E 32 33 34 20 6B 67 0D 0A'))).toEqual([
      // The raw frame runs to its CR; the LF after it ends the same frame.
      {
        type: 'weight',
        grams: 1234,
        stable: true,
        net: true,
        divisionG: 1,
        raw: '532053202020202020312e323334206b670d',
      },
    ]);
  });
  it('MT-SICS: dynamic, busy, overload, underload, zero ack, tare, errors', () => {
    const frames = decode(
      'sics',
      text('S D      0.512 kg\r\nS I\r\nS +\r\nS -\r\nZ A\r\nT S      0.100 kg\r\nES\r\nET\r\n'),
    );
    expect(
      frames.map((f) =>
        f.type === 'weight'
          ? `w${f.grams}${f.stable ? 's' : 'd'}`
          : f.type === 'error'
            ? f.error
            : `${f.what}:${f.ok}`,
      ),
    ).toEqual(['w512d', 'busy', 'overload', 'underload', 'zero:true', 'tare:true', 'command', 'parity']);
    expect(decode('sics', text('S S     -0.020 kg\r\n'))[0]).toMatchObject({
      type: 'error',
      error: 'negative',
    });
  });

  it('Toledo 8217: good reply, net, and the status byte of a bad one', () => {
    expect(decode('toledo8217', text('\x0201.234\r'))[0]).toMatchObject({
      type: 'weight',
      grams: 1234,
      stable: true,
      net: false,
    });
    expect(decode('toledo8217', text('\x0200.500N\r'))[0]).toMatchObject({ grams: 500, net: true });
    expect(decode('toledo8217', text('\x0201.000\r'), 'lb')[0]).toMatchObject({ grams: 454 });
    // Indicators keep bit 5 set so the status byte is printable (and never an STX).
    const status = (b: number) => decode('toledo8217', Uint8Array.from([0x02, 0x3f, 0x20 | b, 0x0d]))[0];
    expect(status(0x01)).toMatchObject({ type: 'error', error: 'motion' });
    expect(status(0x02)).toMatchObject({ error: 'overload' });
    expect(status(0x04)).toMatchObject({ error: 'underload' });
    expect(status(0x08)).toMatchObject({ error: 'not-zeroed' });
    expect(status(0x40)).toMatchObject({ error: 'command' });
  });
  it('Toledo 8217: the probe echo is not a reading', () => {
    expect(decode('toledo8217', bytes('02 45 0D 68 65 6C 6C 6F'))).toEqual([]);
  });

  it('Toledo continuous: 1.234 kg gross stable, and the same in motion', () => {
    expect(
      decode('toledo-continuous', bytes('02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2A')),
    ).toEqual([
      {
        type: 'weight',
        grams: 1234,
        stable: true,
        net: false,
        divisionG: 1,
        raw: '022d302030303132333430303030' + '30300d2a',
      },
    ]);
    expect(
      decode('toledo-continuous', bytes('02 2D 38 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 22'))[0],
    ).toMatchObject({ grams: 1234, stable: false });
  });
  it('Toledo continuous: bad checksum, negative, out of range, not zeroed, lb', () => {
    expect(
      decode('toledo-continuous', bytes('02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2B'))[0],
    ).toMatchObject({ type: 'error', error: 'checksum' });
    const withSwb = (swb: number, swa = 0x2d) => {
      const body = Uint8Array.from([0x02, swa, swb, 0x20, ...text('001234000000'), 0x0d]);
      return decode('toledo-continuous', Uint8Array.from([...body, toledoChecksum(body)]), 'lb')[0];
    };
    expect(withSwb(0x32)).toMatchObject({ error: 'negative' });
    expect(withSwb(0x34)).toMatchObject({ error: 'overload' });
    expect(withSwb(0x36)).toMatchObject({ error: 'underload' });
    expect(withSwb(0x70)).toMatchObject({ error: 'not-zeroed' });
    expect(withSwb(0x20)).toMatchObject({ type: 'weight', grams: 560 }); // 1.234 lb
    expect(withSwb(0x31, 0x2c)).toMatchObject({ grams: 12340, net: true }); // 2 decimals: 12.34 kg net
  });

  it('ASCII ST,GS family: stable, unstable, net, spacing variants, overload, CAS lamp byte', () => {
    expect(decode('ascii', text('ST,GS,+  1.234kg\r\n'))[0]).toMatchObject({
      type: 'weight',
      grams: 1234,
      stable: true,
      net: false,
    });
    expect(decode('ascii', text('US,NT,+  0.800kg\r\n'))[0]).toMatchObject({
      grams: 800,
      stable: false,
      net: true,
    });
    expect(decode('ascii', text('ST,GS,   245.6 g\r\n'))[0]).toMatchObject({ grams: 246, stable: true });
    expect(decode('ascii', text('OL,GS,+ 99.999kg\r\n'))[0]).toMatchObject({
      type: 'error',
      error: 'overload',
    });
    expect(decode('ascii', text('ST,GS,-  0.010kg\r\n'))[0]).toMatchObject({
      type: 'error',
      error: 'negative',
    });
    expect(decode('ascii', text('ST,GS,1,\x40,+  2.000kg\r\n'))[0]).toMatchObject({
      grams: 2000,
      stable: true,
    });
    expect(decode('ascii', text('ST,GS,1,\x00,+  2.000kg\r\n'))[0]).toMatchObject({
      grams: 2000,
      stable: false,
    });
  });

  it('耀华 XK3190 tF=0: +20.00, XOR checked', () => {
    expect(decode('yaohua', bytes('02 2B 30 30 32 30 30 30 32 31 42 03'))).toEqual([
      {
        type: 'weight',
        grams: 20000,
        stable: null,
        net: false,
        divisionG: 10,
        raw: '022b303032303030323142' + '03',
      },
    ]);
    expect(decode('yaohua', bytes('02 2B 30 30 32 30 30 30 32 31 43 03'))[0]).toMatchObject({
      type: 'error',
      error: 'checksum',
    });
    const neg = text('-0020002');
    expect(decode('yaohua', Uint8Array.from([0x02, ...neg, ...text(yaohuaXor(neg)), 0x03]))[0]).toMatchObject(
      { error: 'negative' },
    );
  });
  it('耀华 reversed "=" mode: 3.000 and −1.00', () => {
    expect(decode('yaohua', text('=000.3000'))[0]).toMatchObject({ grams: 3000, divisionG: 1 });
    expect(decode('yaohua', text('=00.1000-'))[0]).toMatchObject({ type: 'error', error: 'negative' });
    expect(decode('yaohua', text('=000.3000=000.3000')).length).toBe(2);
  });

  it('耀华 A12E: 4.139 kg and overload', () => {
    expect(decode('yaohua-a12e', bytes('57 47 30 30 34 2E 31 33 39 6B 67 33 44 0D 0A'))).toEqual([
      {
        type: 'weight',
        grams: 4139,
        stable: null,
        net: false,
        divisionG: 1,
        raw: '574730303432e3133396b6733440d0a'.replace('3432e', '342e'),
      },
    ]);
    expect(decode('yaohua-a12e', text('         OL23\r\n'))[0]).toMatchObject({
      type: 'error',
      error: 'overload',
    });
    expect(decode('yaohua-a12e', text('WG004.139kg3E\r\n'))[0]).toMatchObject({
      type: 'error',
      error: 'checksum',
    });
  });

  it('Ohaus: stable gross, unstable net, tare line', () => {
    expect(decode('ohaus', text('    1.234 kg  G\r\n'))[0]).toMatchObject({
      type: 'weight',
      grams: 1234,
      stable: true,
      net: false,
    });
    expect(decode('ohaus', text('    0.250 kg? NET\r\n'))[0]).toMatchObject({
      grams: 250,
      stable: false,
      net: true,
    });
    expect(decode('ohaus', text('-   0.005 kg  G\r\n'))[0]).toMatchObject({ error: 'negative' });
    expect(decode('ohaus', text('    0.100 kg  T\r\n'))[0]).toMatchObject({ type: 'ack', what: 'tare' });
  });
});

describe('every decoder', () => {
  const samples: Record<ScaleProtocol, EmulatedWeight> = Object.fromEntries(
    Object.keys(CODECS).map((p) => [p, { grams: 2345, stable: true }]),
  ) as Record<ScaleProtocol, EmulatedWeight>;

  it.each(Object.keys(CODECS) as ScaleProtocol[])(
    '%s: reassembles frames arriving byte by byte, skips and counts noise',
    (p) => {
      const codec = CODECS[p];
      const frame = codec.frame(samples[p], 'kg');
      const garbage = text('\x00\xff#garbage~');
      const stream = Uint8Array.from([...garbage, ...frame, ...garbage, ...frame]);
      const decoder = codec.decoder('kg');
      const frames = [...stream].flatMap((b) => decoder.push(Uint8Array.of(b)));
      const weights = frames.filter((f) => f.type === 'weight');
      expect(weights.map((f) => f.type === 'weight' && f.grams)).toEqual([2345, 2345]);
      expect(decoder.noise).toBeGreaterThan(0);
    },
  );

  it.each(Object.keys(CODECS) as ScaleProtocol[])(
    '%s: the emulator frame round-trips (stable flag where the protocol has one)',
    (p) => {
      const codec = CODECS[p];
      for (const w of [
        { grams: 0, stable: true },
        { grams: 15_500, stable: true },
        { grams: 870, stable: false },
      ]) {
        const [frame] = codec.decoder('kg').push(codec.frame(w, 'kg'));
        if (p === 'toledo8217' && !w.stable) {
          expect(frame).toMatchObject({ type: 'error', error: 'motion' });
          continue;
        }
        expect(frame).toMatchObject({ type: 'weight', grams: w.grams });
        if (frame?.type === 'weight' && frame.stable !== null) expect(frame.stable).toBe(w.stable);
      }
    },
  );
});
