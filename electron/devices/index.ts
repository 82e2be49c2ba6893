export { DeviceRegistry, configuredDevices } from './registry';
