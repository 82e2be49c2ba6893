import { SerialPort } from 'serialport';
import type { DeviceState } from '../../../shared/contract';

export interface SerialSettings {
  path: string;
  baudRate: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
}

export interface LinkEvents {
  data(bytes: Buffer): void;
  state(state: DeviceState, detail?: string): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/**
 * A serial port that stays open: opens, reports its state, and when the cable is pulled (or the port is missing)
 * retries with backoff until the port is back. It moves bytes only; the codec on top knows what they mean.
 */
export class SerialLink {
  private port: SerialPort | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    readonly settings: SerialSettings,
    private readonly on: LinkEvents,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  write(bytes: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.settings.path} is not open`));
    return new Promise((resolve, reject) =>
      port.write(bytes, (err) => (err ? reject(err) : port.drain(() => resolve()))),
    );
  }

  private open(): void {
    if (this.stopped) return;
    this.on.state('connecting');
    const { path, baudRate, parity = 'none', dataBits = 8, stopBits = 1 } = this.settings;
    // lock: false lets a second reader (an IT tool, a test) open the same port on Linux.
    const port = new SerialPort({ path, baudRate, parity, dataBits, stopBits, autoOpen: false, lock: false });
    port.on('data', (d: Buffer) => this.on.data(d));
    port.on('close', () => this.lost('port closed'));
    port.on('error', (err: Error) => this.lost(err.message));
    port.open((err) => {
      if (err) return this.lost(err.message);
      this.port = port;
      this.delay = FIRST_RETRY_MS;
      this.on.state('ready');
    });
  }

  private lost(why: string): void {
    if (this.port) {
      const p = this.port;
      this.port = null;
      p.removeAllListeners();
      if (p.isOpen) p.close(() => undefined);
    }
    if (this.stopped || this.timer) return;
    this.on.state('disconnected', `${this.settings.path}: ${why}; retrying`);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_RETRY_MS);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.port;
    this.port = null;
    if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
  }
}
