import type { DeviceState } from '../../../shared/contract';
import { BootKeyboardDecoder } from './bootKeyboard';
import type { ScanEvent, ScannerSource } from './types';

export interface UsbScannerOptions {
  name: string;
  vendorId: number;
  productId: number;
  onScan(scan: ScanEvent): void;
  onState(state: DeviceState, detail?: string): void;
}

export class UsbScannerError extends Error {
  constructor(
    readonly kind: 'no-device' | 'library' | 'interface',
    message: string,
  ) {
    super(message);
  }
}

type UsbDevice = USBDevice & { detachKernelDriver?(n: number): Promise<void> };

const hex = (n: number) => n.toString(16).padStart(4, '0');
const HID_CLASS = 3;
const RETRY_MS = 3000;

/** Finds and claims the scanner's HID interface through the `usb` library (WinUSB on Windows, libusb-like on Linux). */
export async function claimUsbScanner(
  vendorId: number,
  productId: number,
): Promise<{ device: UsbDevice; iface: number; endpoint: USBEndpoint }> {
  let device: UsbDevice;
  try {
    const { webusb } = await import('usb');
    device = (await webusb.requestDevice({ filters: [{ vendorId, productId }] })) as UsbDevice;
  } catch (err) {
    const e = err as Error;
    if (e.name === 'NotFoundError')
      throw new UsbScannerError('no-device', `no USB device ${hex(vendorId)}:${hex(productId)} is connected`);
    throw new UsbScannerError(
      'library',
      `USB library error looking for ${hex(vendorId)}:${hex(productId)}: ${e.message}`,
    );
  }
  await device.open();
  if (!device.configuration) await device.selectConfiguration(1);
  const iface = device.configuration?.interfaces.find((i) => i.alternate.interfaceClass === HID_CLASS);
  const endpoint = iface?.alternate.endpoints.find((e) => e.direction === 'in' && e.type === 'interrupt');
  if (!iface || !endpoint) {
    await device.close();
    throw new UsbScannerError(
      'interface',
      `${hex(vendorId)}:${hex(productId)} has no HID interface with an interrupt IN endpoint`,
    );
  }
  // Linux: the kernel's hid driver holds the interface; Windows with WinUSB has nothing to detach.
  await device.detachKernelDriver?.(iface.interfaceNumber).catch(() => undefined);
  await device.claimInterface(iface.interfaceNumber);
  return { device, iface: iface.interfaceNumber, endpoint };
}

/** A scanner that types HID boot keyboard reports, read raw so its keystrokes never reach the desktop. */
export class UsbKeyboardScanner implements ScannerSource {
  readonly id: string;
  private claimed: { device: UsbDevice; iface: number } | null = null;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly o: UsbScannerOptions) {
    this.id = `scanner:${o.name}`;
  }

  start(): void {
    this.stopped = false;
    void this.run();
  }

  private async run(): Promise<void> {
    this.o.onState('connecting');
    try {
      const { device, iface, endpoint } = await claimUsbScanner(this.o.vendorId, this.o.productId);
      this.claimed = { device, iface };
      this.o.onState('ready');
      const decoder = new BootKeyboardDecoder();
      while (!this.stopped) {
        const result = await device.transferIn(endpoint.endpointNumber, endpoint.packetSize);
        if (!result.data) continue;
        const scan = decoder.push(
          new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength),
        );
        if (scan) this.o.onScan({ ...scan, scanner: this.o.name, at: new Date() });
      }
    } catch (err) {
      await this.release();
      if (this.stopped) return;
      this.o.onState('disconnected', `${(err as Error).message}; retrying`);
      this.timer = setTimeout(() => void this.run(), RETRY_MS);
    }
  }

  private async release(): Promise<void> {
    const c = this.claimed;
    this.claimed = null;
    if (!c) return;
    await c.device.releaseInterface(c.iface).catch(() => undefined);
    await c.device.close().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.release();
  }
}
