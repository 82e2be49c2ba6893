import type { DeviceState } from '../../../shared/contract';
import type { Config } from '../../config';
import { HidPosScanner } from './hid';
import { SerialScanner } from './serial';
import type { ScanEvent, ScannerSource } from './types';
import { UsbKeyboardScanner } from './usbKeyboard';

export * from './types';
export { ScanLines } from './lines';
export { HoneywellPosDecoder, GenericPosDecoder, type DecodedScan } from './hidpos';
export { BootKeyboardDecoder } from './bootKeyboard';
export { SerialScanner } from './serial';
export { HidPosScanner } from './hid';
export { UsbKeyboardScanner, UsbScannerError, claimUsbScanner } from './usbKeyboard';

/**
 * The bench's scanners that need a driver (serial, HID, USB); wedge scanners are read by the page. All feed one
 * stream of scans.
 */
export function createScanners(
  config: Config,
  onScan: (scan: ScanEvent) => void,
  onState: (id: string, state: DeviceState, detail?: string) => void,
): ScannerSource[] {
  const sources: ScannerSource[] = [];
  for (const s of config.scanners) {
    const report = (state: DeviceState, detail?: string) => onState(`scanner:${s.name}`, state, detail);
    if (s.kind === 'serial' && s.port)
      sources.push(
        new SerialScanner({
          name: s.name,
          path: s.port,
          baudRate: s.baud,
          suffix: s.suffix,
          onScan,
          onState: report,
        }),
      );
    if (s.kind === 'hid' && s.vendorId !== undefined && s.productId !== undefined)
      sources.push(
        new HidPosScanner({
          name: s.name,
          vendorId: s.vendorId,
          productId: s.productId,
          onScan,
          onState: report,
        }),
      );
    if (s.kind === 'usb' && s.vendorId !== undefined && s.productId !== undefined)
      sources.push(
        new UsbKeyboardScanner({
          name: s.name,
          vendorId: s.vendorId,
          productId: s.productId,
          onScan,
          onState: report,
        }),
      );
  }
  return sources;
}
