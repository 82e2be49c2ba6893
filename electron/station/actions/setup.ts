import { refuse } from '../../../shared/contract';
import { currentEnvironment, machineConfigPath, writeDeviceChange, type ConfigError } from '../../config';
import { listSerialPorts, listSpoolerPrinters, listUsbDevices } from '../../devices';
import { parsePrinterUri, sendBytes } from '../../devices/printer';
import { detectScaleProtocol, readScaleOnce, type ScaleProtocol } from '../../devices/scale';
import { encodeLabel, renderFaceSheet, SAMPLE_SHEET, type LabelFormat } from '../../labels';
import type { Bench } from '../bench';

/**
 * The Devices page's set-up, for IT (ShipStation Connect and Odoo's IoT box set devices up on screen too): what the
 * machine has, a scale found and read on a port, a test label on a chosen printer, and the choice written to the
 * config file the bench started from (or the machine-wide one), which stays the one source.
 */
export const configFileOf = (b: Bench): string =>
  b.configSource.path ?? machineConfigPath(currentEnvironment());

export async function inventory(b: Bench) {
  const [serialPorts, usb, printers] = await Promise.all([
    listSerialPorts().catch(() => []),
    listUsbDevices(),
    listSpoolerPrinters().catch(() => []),
  ]);
  return { serialPorts, usb, printers, configFile: configFileOf(b) };
}

const failed = (err: unknown) => refuse('scale-refused', { detail: (err as Error).message });

export async function detectScale(p: { port: string }) {
  const { use, ranked } = await detectScaleProtocol(p.port, 900).catch((err: unknown) => {
    throw failed(err);
  });
  return { use, ranked };
}

export function readScale(p: { port: string; protocol: ScaleProtocol }) {
  return readScaleOnce(p.port, p.protocol, 1200).catch((err: unknown) => {
    throw failed(err);
  });
}

/** The sample face sheet straight to a printer IT is trying (not through the bench's queue: it is not the bench's). */
export async function testPrint(b: Bench, p: { uri: string; language: LabelFormat }) {
  const bytes = await encodeLabel(
    renderFaceSheet({ ...SAMPLE_SHEET, printedAt: b.now(), stationId: b.config.station.id }, '100x150', 203),
    p.language,
    '100x150',
  );
  try {
    await sendBytes(parsePrinterUri(p.uri), bytes, 10_000, 'Packbench test label');
  } catch (err) {
    throw refuse('printer-test-failed', { printer: p.uri, detail: (err as Error).message });
  }
  return { ok: true as const };
}

/** An admin's choice into the config file, checked with the same schema as at start; audited with what it replaced. */
export function saveDevices(
  b: Bench,
  p: {
    admin: string;
    pin: string;
    scale?: { port: string; protocol: ScaleProtocol };
    labelPrinter?: { uri: string; language: LabelFormat };
  },
) {
  const user = b.people.lead(p.admin, p.pin);
  if (user.role !== 'admin') throw refuse('admin-needed');
  const file = configFileOf(b);
  const change = {
    ...(p.scale ? { scale: { kind: 'serial', port: p.scale.port, protocol: p.scale.protocol } } : {}),
    ...(p.labelPrinter
      ? { labelPrinter: { uri: p.labelPrinter.uri, language: p.labelPrinter.language } }
      : {}),
  };
  let backup: string | null;
  try {
    ({ backup } = writeDeviceChange(file, change, b.now()));
  } catch (err) {
    const problems = (err as ConfigError).problems ?? [(err as Error).message];
    throw refuse('rule-invalid', { detail: problems.join('; ') });
  }
  b.repos.audit.add({
    at: b.now().toISOString(),
    who: user.name,
    action: 'devices.save',
    detail: {
      file,
      backup,
      change,
      before: { scale: b.config.scale, labelPrinter: b.config.printers.label },
    },
  });
  return { file, backup };
}
