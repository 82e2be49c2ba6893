import { SerialPort } from 'serialport';
import { CODECS, type EmulatedWeight, type ScaleCodec, type ScaleProtocol, type WeightUnit } from './codecs';

export interface EmulatorOptions {
  path: string;
  protocol: ScaleProtocol;
  grams?: number;
  unit?: WeightUnit;
  /** Continuous protocols: one frame every this many ms. */
  intervalMs?: number;
  baud?: number;
}

/**
 * A scale on the other end of a serial line (socat PTY pair or a real null-modem cable): streams frames or answers
 * commands byte-exactly as the protocol does. For training, demos and the tests.
 */
export class ScaleEmulator {
  readonly codec: ScaleCodec;
  weight: EmulatedWeight;
  /** Bytes of rubbish between frames, as a noisy line sends. */
  garbage = false;
  private motionUntil = 0;
  private port: SerialPort | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pending = '';
  private echo = false;
  framesSent = 0;

  constructor(private readonly o: EmulatorOptions) {
    this.codec = CODECS[o.protocol];
    this.weight = { grams: o.grams ?? 0, stable: true };
  }

  async start(): Promise<void> {
    const port = new SerialPort({
      path: this.o.path,
      baudRate: this.o.baud ?? this.codec.serial.baud,
      lock: false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    if (this.codec.kind === 'continuous')
      this.timer = setInterval(
        () => this.send(this.codec.frame(this.current(), this.unit)),
        this.o.intervalMs ?? 100,
      );
    else port.on('data', (d: Buffer) => this.command(d));
  }

  private get unit(): WeightUnit {
    return this.o.unit ?? 'kg';
  }

  /** Put a weight on the platter; with `motionMs`, it swings for that long before it settles. */
  set(w: Partial<EmulatedWeight>, motionMs = 0): void {
    this.weight = { ...this.weight, stable: true, overload: false, underload: false, ...w };
    this.motionUntil = motionMs > 0 ? Date.now() + motionMs : 0;
  }

  private current(): EmulatedWeight {
    if (Date.now() >= this.motionUntil) return this.weight;
    return {
      ...this.weight,
      stable: false,
      grams: this.weight.grams + Math.round((Math.random() - 0.5) * 80),
    };
  }

  private command(data: Buffer): void {
    if (this.o.protocol === 'toledo8217') {
      // Single-byte commands, no terminator; `E…` echoes until `F`.
      for (const ch of data.toString('latin1')) {
        if (this.echo) {
          if (ch === 'F') this.echo = false;
          else this.send(Buffer.from(ch, 'latin1'));
          continue;
        }
        if (ch === 'E') {
          this.echo = true;
          this.send(this.codec.answer!('E', this.current(), this.unit)!);
          continue;
        }
        const reply = this.codec.answer!(ch, this.current(), this.unit);
        if (reply?.length) this.send(reply);
      }
      return;
    }
    this.pending += data.toString('latin1');
    let i: number;
    while ((i = this.pending.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.pending.slice(0, i);
      this.pending = this.pending.slice(i + (this.pending.slice(i, i + 2) === '\r\n' ? 2 : 1));
      if (!line.trim()) continue;
      const reply = this.codec.answer?.(line, this.current(), this.unit);
      if (reply?.length) this.send(reply);
    }
  }

  private send(bytes: Uint8Array): void {
    if (!this.port?.isOpen) return;
    if (this.garbage) this.port.write(Buffer.from([0x00, 0x7e, 0xff, 0x23]));
    this.port.write(Buffer.from(bytes));
    this.framesSent++;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const p = this.port;
    this.port = null;
    if (p?.isOpen) await new Promise((r) => p.close(r));
  }
}
