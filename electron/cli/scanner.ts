import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import {
  HidPosScanner,
  SerialScanner,
  SUFFIX_BYTES,
  UsbKeyboardScanner,
  claimUsbScanner,
  UsbScannerError,
  type ScanEvent,
  type ScannerSource,
  type Suffix,
} from '../devices/scanner';
import { CliError, fail } from './fail';
import { wholeNumber } from './args';

const SUFFIXES = Object.keys(SUFFIX_BYTES) as Suffix[];

function usbId(text: string, flag: string): { vendorId: number; productId: number } {
  const m = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(text);
  if (!m) {
    console.error(`${flag} takes VID:PID in hex, e.g. 0c2e:0b61`);
    process.exit(1);
  }
  return { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
}

interface ListenOptions {
  serial?: string;
  suffix: Suffix;
  baud: string;
  hid?: string;
  usb?: string;
  json?: boolean;
  count?: string;
}

export function registerScanner(program: Command, sim: Command): void {
  program
    .command('scanner')
    .description('barcode scanners')
    .command('listen')
    .description('print scans as they arrive (Ctrl+C to stop)')
    .option('--serial <path>', 'serial / USB-CDC scanner port (COM5, /dev/ttyACM0)')
    .option('--suffix <suffix>', `what ends a scan: ${SUFFIXES.join(', ')}`, 'cr')
    .option('--baud <n>', 'serial speed', '9600')
    .option('--hid <vid:pid>', 'HID POS scanner (node-hid)')
    .option('--usb <vid:pid>', 'raw HID keyboard scanner claimed through usb (WinUSB driver)')
    .option('--count <n>', 'stop after N scans')
    .option('--json', 'one JSON object per scan')
    .action(async (o: ListenOptions) => {
      if (!SUFFIXES.includes(o.suffix)) return fail(`--suffix must be one of ${SUFFIXES.join(', ')}`);
      if (!o.serial && !o.hid && !o.usb)
        return fail('name a scanner: --serial PATH, --hid VID:PID or --usb VID:PID');
      if (o.baud) wholeNumber('--baud', o.baud, 300, 921_600);
      let left = o.count ? wholeNumber('--count', o.count, 1, 1_000_000) : Infinity;
      const sources: ScannerSource[] = [];
      const stop = async (code = 0) => {
        await Promise.all(sources.map((s) => s.stop()));
        process.exit(code);
      };
      const onScan = (s: ScanEvent) => {
        console.log(
          o.json
            ? JSON.stringify({
                code: s.code,
                symbology: s.symbology,
                scanner: s.scanner,
                at: s.at.toISOString(),
              })
            : `${s.code}\t${s.symbology ?? '-'}\t${s.scanner}`,
        );
        if (--left <= 0) void stop();
      };
      const onState = (name: string) => (state: string, detail?: string) =>
        console.error(`${name}: ${state}${detail ? ` (${detail})` : ''}`);
      if (o.usb) {
        // Say at once when the device or the library is missing, rather than retrying quietly.
        const ids = usbId(o.usb, '--usb');
        try {
          const { device, iface } = await claimUsbScanner(ids.vendorId, ids.productId);
          await device.releaseInterface(iface);
          await device.close();
        } catch (err) {
          if (err instanceof UsbScannerError) return fail(`${err.kind}: ${err.message}`);
          throw err;
        }
        sources.push(new UsbKeyboardScanner({ name: 'usb', ...ids, onScan, onState: onState('usb') }));
      }
      if (o.serial)
        sources.push(
          new SerialScanner({
            name: 'serial',
            path: o.serial,
            baudRate: Number(o.baud),
            suffix: o.suffix,
            onScan,
            onState: onState('serial'),
          }),
        );
      if (o.hid)
        sources.push(
          new HidPosScanner({ name: 'hid', ...usbId(o.hid, '--hid'), onScan, onState: onState('hid') }),
        );
      for (const s of sources) s.start();
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });

  sim
    .command('scanner')
    .description(
      'emulate a serial scanner: write each code of a file, with its suffix, to a port (e.g. one end of socat)',
    )
    .requiredOption('--port <path>', 'serial port to write to')
    .requiredOption('--codes <file>', 'one code per line')
    .option('--interval-ms <n>', 'pause between codes', '200')
    .option('--suffix <suffix>', `${SUFFIXES.join(', ')}`, 'cr')
    .option('--baud <n>', 'serial speed', '9600')
    .action(async (o: { port: string; codes: string; intervalMs: string; suffix: Suffix; baud: string }) => {
      if (!SUFFIXES.includes(o.suffix)) return fail(`--suffix must be one of ${SUFFIXES.join(', ')}`);
      const intervalMs = wholeNumber('--interval-ms', o.intervalMs, 0, 600_000);
      wholeNumber('--baud', o.baud, 300, 921_600);
      const codes = readFileSync(o.codes, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const port = new SerialPort({ path: o.port, baudRate: Number(o.baud), lock: false, autoOpen: false });
      await new Promise<void>((resolve, reject) =>
        port.open((err) => (err ? reject(new CliError(`cannot open ${o.port}: ${err.message}`)) : resolve())),
      );
      for (const [i, code] of codes.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, intervalMs));
        await new Promise<void>((r) =>
          port.write(code + SUFFIX_BYTES[o.suffix], () => port.drain(() => r())),
        );
        console.log(`sent ${code}`);
      }
      await new Promise((r) => port.close(r));
    });
}
