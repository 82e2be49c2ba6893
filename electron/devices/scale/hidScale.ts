import { ReadingPipeline, type ScaleDevice, type ScaleEvents } from './device';
import { decodePostalReport } from './hidPostal';

const RETRY_MS = 3000;
const hex = (n: number) => n.toString(16).padStart(4, '0');

/** A USB HID postal scale through node-hid, opened by vendor and product id; reconnects when replugged. */
export class HidScale implements ScaleDevice {
  readonly protocol = 'hid-postal';
  readonly canZero = false;
  readonly canTare = false;
  private device: { close(): Promise<void> | void; removeAllListeners(): void } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly pipeline: ReadingPipeline;

  constructor(
    private readonly ids: { vendorId: number; productId: number },
    private readonly on: ScaleEvents,
    nearZeroG = 20,
  ) {
    this.pipeline = new ReadingPipeline(on.reading, { stableWindowMs: 500, nearZeroG });
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  private async open(): Promise<void> {
    this.on.state('connecting');
    try {
      const HID = await import('node-hid');
      const device = await HID.HIDAsync.open(this.ids.vendorId, this.ids.productId);
      if (this.stopped) return void (await device.close());
      device.on('data', (report: Buffer) => {
        const frame = decodePostalReport(report);
        if (frame) this.pipeline.frame(frame);
      });
      device.on('error', (err: Error) => this.retry(err.message));
      this.device = device;
      this.on.state('ready');
    } catch (err) {
      this.retry(`HID ${hex(this.ids.vendorId)}:${hex(this.ids.productId)}: ${(err as Error).message}`);
    }
  }

  private retry(why: string): void {
    this.device?.removeAllListeners();
    Promise.resolve(this.device?.close()).catch(() => undefined); // a device already gone may refuse to close
    this.device = null;
    if (this.stopped) return;
    this.on.state('disconnected', `${why}; retrying`);
    this.timer = setTimeout(() => void this.open(), RETRY_MS);
  }

  async zero(): Promise<void> {
    throw new Error('HID postal scales zero with their own button');
  }

  async tare(): Promise<void> {
    throw new Error('HID postal scales have no tare command');
  }

  consume(placement: number): void {
    this.pipeline.placements.consume(placement);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.device?.removeAllListeners();
    await this.device?.close();
  }
}
