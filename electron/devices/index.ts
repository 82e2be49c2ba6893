export { DeviceRegistry, configuredDevices } from './registry';
export {
  listSerialPorts,
  listSpoolerPrinters,
  listUsbDevices,
  type SerialPortInfo,
  type SpoolerPrinter,
  type UsbDeviceInfo,
} from './inventory';
