import type { DeviceState } from '../../../shared/contract';
import { GenericPosDecoder, HoneywellPosDecoder } from './hidpos';
import type { ScanEvent, ScannerSource } from './types';

export interface HidScannerOptions {
  name: string;
  vendorId: number;
  productId: number;
  onScan(scan: ScanEvent): void;
  onState(state: DeviceState, detail?: string): void;
}

const HONEYWELL = 0x0c2e;
const RETRY_MS = 3000;
const hex = (n: number) => n.toString(16).padStart(4, '0');

/** A HID POS scanner (usage page 0x8C) through node-hid; Honeywell's report format by vendor id, else the generic one. */
export class HidPosScanner implements ScannerSource {
  readonly id: string;
  private device: { close(): Promise<void> | void; removeAllListeners(): void } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly o: HidScannerOptions) {
    this.id = `scanner:${o.name}`;
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  private async open(): Promise<void> {
    const { vendorId, productId } = this.o;
    this.o.onState('connecting');
    try {
      const HID = await import('node-hid');
      const device = await HID.HIDAsync.open(vendorId, productId);
      if (this.stopped) return void (await device.close());
      const decoder = vendorId === HONEYWELL ? new HoneywellPosDecoder() : new GenericPosDecoder();
      device.on('data', (report: Buffer) => {
        const scan = decoder.push(report);
        if (scan) this.o.onScan({ ...scan, scanner: this.o.name, at: new Date() });
      });
      device.on('error', (err: Error) => this.retry(err.message));
      this.device = device;
      this.o.onState('ready');
    } catch (err) {
      this.retry(`HID ${hex(vendorId)}:${hex(productId)}: ${(err as Error).message}`);
    }
  }

  private retry(why: string): void {
    this.device?.removeAllListeners();
    Promise.resolve(this.device?.close()).catch(() => undefined); // a device already gone may refuse to close
    this.device = null;
    if (this.stopped) return;
    this.o.onState('disconnected', `${why}; retrying`);
    this.timer = setTimeout(() => void this.open(), RETRY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.device?.removeAllListeners();
    await this.device?.close();
    this.device = null;
  }
}
