import type { DeviceStatus } from '../../shared/contract';
import type { Config } from '../config';

/**
 * The bench's devices as configured, with their live state: every driver (scale, scanners, printers) reports into it;
 * until it first does, a hardware device is `connecting`.
 */
export class DeviceRegistry {
  private devices = new Map<string, DeviceStatus>();

  constructor(
    config: Config,
    private readonly onChange: (status: DeviceStatus) => void,
  ) {
    for (const status of configuredDevices(config)) this.devices.set(status.id, status);
  }

  list(): DeviceStatus[] {
    return [...this.devices.values()];
  }

  report(id: string, update: Pick<DeviceStatus, 'state' | 'detail'>): void {
    const current = this.devices.get(id);
    if (!current) throw new Error(`unknown device ${id}`);
    const next: DeviceStatus = {
      ...current,
      state: update.state,
      ...(update.detail ? { detail: update.detail } : {}),
    };
    if (!update.detail) delete next.detail;
    this.devices.set(id, next);
    this.onChange(next);
  }
}

export function configuredDevices(config: Config): DeviceStatus[] {
  const list: DeviceStatus[] = [];
  const scale = config.scale;
  if (scale.kind === 'virtual')
    list.push({ id: 'scale', kind: 'scale', name: 'virtual scale', state: 'virtual' });
  else if (scale.kind === 'serial')
    list.push({
      id: 'scale',
      kind: 'scale',
      name: `${scale.protocol} @ ${scale.port}`,
      state: 'connecting',
    });
  else
    list.push({
      id: 'scale',
      kind: 'scale',
      name: `HID ${hex(scale.vendorId)}:${hex(scale.productId)}`,
      state: 'connecting',
    });
  for (const scanner of config.scanners) {
    // A wedge scanner is a keyboard: the page reads it, nothing to connect. The others' drivers report in.
    list.push({
      id: `scanner:${scanner.name}`,
      kind: 'scanner',
      name: `${scanner.name} (${scanner.kind}${scanner.port ? ` ${scanner.port}` : ''})`,
      state: scanner.kind === 'wedge' ? 'ready' : 'connecting',
    });
  }
  for (const role of ['label', 'slip'] as const) {
    const printer = config.printers[role];
    if (printer)
      list.push({
        id: `printer:${role}`,
        kind: 'printer',
        name: `${role}: ${printer.uri} (${printer.language})`,
        state: 'connecting',
      });
  }
  return list;
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
