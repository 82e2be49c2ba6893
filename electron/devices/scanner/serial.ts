import { stripAim } from '../../../shared/scan';
import type { DeviceState } from '../../../shared/contract';
import { SerialLink } from '../serial';
import { ScanLines } from './lines';
import { SUFFIX_BYTES, type ScanEvent, type ScannerSource, type Suffix } from './types';

export interface SerialScannerOptions {
  name: string;
  path: string;
  baudRate?: number;
  suffix?: Suffix;
  onScan(scan: ScanEvent): void;
  onState(state: DeviceState, detail?: string): void;
}

/** A serial or USB-CDC (virtual COM port) scanner: one code per suffix-terminated line. */
export class SerialScanner implements ScannerSource {
  readonly id: string;
  private readonly link: SerialLink;

  constructor(private readonly o: SerialScannerOptions) {
    this.id = `scanner:${o.name}`;
    const lines = new ScanLines(SUFFIX_BYTES[o.suffix ?? 'cr']);
    this.link = new SerialLink(
      { path: o.path, baudRate: o.baudRate ?? 9600 },
      {
        data: (bytes) => {
          for (const raw of lines.push(bytes)) {
            const { data, symbology } = stripAim(raw);
            o.onScan({ code: data, symbology, scanner: o.name, at: new Date() });
          }
        },
        state: (s, detail) => o.onState(s, detail),
      },
    );
  }

  start(): void {
    this.link.start();
  }

  /** Scanner beeper / LED commands from the config, where the model takes them over serial. */
  send(bytes: Buffer): Promise<void> {
    return this.link.write(bytes);
  }

  stop(): Promise<void> {
    return this.link.close();
  }
}
