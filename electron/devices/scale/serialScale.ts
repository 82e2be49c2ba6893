import { SerialLink } from '../serial';
import { CODECS, type ScaleCodec, type ScaleProtocol, type WeightUnit } from './codecs';
import { ReadingPipeline, type ScaleDevice, type ScaleEvents } from './device';

export interface SerialScaleOptions {
  path: string;
  protocol: ScaleProtocol;
  baud?: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  unit?: WeightUnit;
  /** Demand protocols: how often to ask. */
  pollMs?: number;
  stableWindowMs?: number;
  nearZeroG?: number;
}

/** A serial scale: codec on a self-healing serial link; demand protocols are polled, continuous ones listened to. */
export class SerialScale implements ScaleDevice {
  readonly protocol: string;
  readonly canZero: boolean;
  readonly canTare: boolean;
  private readonly codec: ScaleCodec;
  private readonly link: SerialLink;
  private readonly pipeline: ReadingPipeline;
  private poller: ReturnType<typeof setInterval> | null = null;
  noise = 0;

  constructor(
    private readonly o: SerialScaleOptions,
    on: ScaleEvents,
  ) {
    this.codec = CODECS[o.protocol];
    this.protocol = o.protocol;
    this.canZero = Boolean(this.codec.zero);
    this.canTare = Boolean(this.codec.tare);
    this.pipeline = new ReadingPipeline(on.reading, {
      stableWindowMs: o.stableWindowMs ?? 500,
      nearZeroG: o.nearZeroG ?? 20,
    });
    let decoder = this.codec.decoder(o.unit ?? 'kg');
    this.link = new SerialLink(
      {
        path: o.path,
        baudRate: o.baud ?? this.codec.serial.baud,
        parity: o.parity ?? this.codec.serial.parity,
        dataBits: o.dataBits ?? this.codec.serial.dataBits,
        stopBits: o.stopBits ?? 1,
      },
      {
        data: (bytes) => {
          for (const f of decoder.push(bytes)) this.pipeline.frame(f);
          this.noise = decoder.noise;
        },
        state: (state, detail) => {
          // A fresh decoder after a reconnect: half a frame from before the unplug is not the start of the next one.
          if (state === 'ready') decoder = this.codec.decoder(o.unit ?? 'kg');
          on.state(state, detail);
        },
      },
    );
  }

  start(): void {
    this.link.start();
    const poll = this.codec.poll;
    if (this.codec.kind === 'demand' && poll) {
      this.poller = setInterval(() => {
        if (this.link.isOpen) this.link.write(Buffer.from(poll)).catch(() => undefined);
      }, this.o.pollMs ?? 150);
    }
  }

  async zero(): Promise<void> {
    if (!this.codec.zero) throw new Error(`${this.protocol} has no zero command`);
    await this.link.write(Buffer.from(this.codec.zero));
  }

  async tare(): Promise<void> {
    if (!this.codec.tare) throw new Error(`${this.protocol} has no tare command`);
    await this.link.write(Buffer.from(this.codec.tare));
  }

  consume(placement: number): void {
    this.pipeline.placements.consume(placement);
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.link.close();
  }
}
