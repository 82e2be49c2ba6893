import { spawn } from 'node:child_process';
import { SerialPort } from 'serialport';

/** What the machine has, for IT setting a bench up on screen instead of guessing COM names in JSON. */
export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
}
export interface UsbDeviceInfo {
  vendorId: number;
  productId: number;
  name: string | null;
  manufacturer: string | null;
  /** It has a HID interface (a postal scale, a HID POS scanner). */
  hid: boolean;
}
export interface SpoolerPrinter {
  name: string;
  driver: string | null;
  port: string | null;
}

type PortList = () => Promise<
  {
    path: string;
    manufacturer?: string | undefined;
    vendorId?: string | undefined;
    productId?: string | undefined;
    serialNumber?: string | undefined;
  }[]
>;

/** The serial ports (COM ports, USB-serial adapters), with who made them and their USB ids where known. */
export async function listSerialPorts(list: PortList = () => SerialPort.list()): Promise<SerialPortInfo[]> {
  return (await list())
    .map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null,
      productId: p.productId ?? null,
      serialNumber: p.serialNumber ?? null,
    }))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

interface WebUsbDevice {
  vendorId: number;
  productId: number;
  productName?: string | undefined;
  manufacturerName?: string | undefined;
  configuration?: { interfaces: { alternate: { interfaceClass: number } }[] } | null;
}

/** The USB devices, HID ones marked; none where the machine has no USB bus the library can read. */
export async function listUsbDevices(
  devices: () => Promise<WebUsbDevice[]> = async () => {
    const { WebUSB } = await import('usb');
    return (await new WebUSB({ allowAllDevices: true }).getDevices()) as unknown as WebUsbDevice[];
  },
): Promise<UsbDeviceInfo[]> {
  let found: WebUsbDevice[];
  try {
    found = await devices();
  } catch {
    return [];
  }
  return found.map((d) => ({
    vendorId: d.vendorId,
    productId: d.productId,
    name: d.productName ?? null,
    manufacturer: d.manufacturerName ?? null,
    hid: (d.configuration?.interfaces ?? []).some((i) => i.alternate.interfaceClass === 3),
  }));
}

const GET_PRINTERS = 'Get-Printer | Select-Object Name, DriverName, PortName | ConvertTo-Json -Compress';

/** PowerShell's answer, as text (the spooler's list of printers). */
function powershell(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ps = spawn('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    ps.stdout.on('data', (d) => (out += d));
    ps.stderr.on('data', (d) => (err += d));
    ps.on('error', reject);
    ps.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err.trim() || `exit ${code}`))));
  });
}

/**
 * The Windows spooler's printers (what `spooler:NAME` prints to); none off Windows. PowerShell gives one object for
 * one printer and an array for several.
 */
export async function listSpoolerPrinters(
  platform: NodeJS.Platform = process.platform,
  run: (script: string) => Promise<string> = powershell,
): Promise<SpoolerPrinter[]> {
  if (platform !== 'win32') return [];
  const text = (await run(GET_PRINTERS)).trim();
  if (!text) return [];
  const parsed = JSON.parse(text) as
    | { Name: string; DriverName?: string | null; PortName?: string | null }
    | { Name: string; DriverName?: string | null; PortName?: string | null }[];
  return (Array.isArray(parsed) ? parsed : [parsed]).map((p) => ({
    name: p.Name,
    driver: p.DriverName ?? null,
    port: p.PortName ?? null,
  }));
}
