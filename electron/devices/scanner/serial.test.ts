import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { Station } from '../../station';
import { ptyPair, tempDir, waitFor, type PtyPair } from '../../testing';

let dir: string;
let cleanup: () => void;
let pty: PtyPair;
let emulator: SerialPort | null = null;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  pty = await ptyPair(dir, 'scanner');
});
afterEach(async () => {
  if (emulator?.isOpen) await new Promise((r) => emulator!.close(r));
  emulator = null;
  await pty.unplug();
  cleanup();
});

/** The scanner's side of the cable: opens the other PTY end and types codes with a CR, as a serial scanner does. */
async function scannerEnd(): Promise<(code: string) => Promise<void>> {
  emulator = new SerialPort({ path: pty.b, baudRate: 9600, lock: false });
  await new Promise((r) => emulator!.once('open', r));
  return (code) => new Promise((r) => emulator!.write(`${code}\r`, () => emulator!.drain(() => r())));
}

function benchWithSerialScanner() {
  const config = ConfigSchema.parse({
    ...EMBEDDED_DEFAULT,
    station: { id: 'SER-1' },
    scanners: [
      { name: 'hand', kind: 'wedge' },
      { name: 'fixed', kind: 'serial', port: pty.a, suffix: 'cr' },
    ],
  });
  return new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: join(dir, 'bench.db') },
    version: 't',
    log: silentLog,
  });
}

const scannerReady = (station: Station) =>
  waitFor(
    () => station.devices.list().find((d) => d.id === 'scanner:fixed')?.state === 'ready',
    5000,
    'scanner ready',
  );

describe('serial scanner over a PTY', () => {
  it('drives a whole pack session: badge, order, items', async () => {
    const station = benchWithSerialScanner();
    try {
      await scannerReady(station);
      const type = await scannerEnd();
      await type('U1001');
      await waitFor(() => station.state().phase === 'idle', 3000, 'login');
      await type('SO202611290002');
      await waitFor(() => station.state().phase === 'verifying', 3000, 'box open');
      for (const code of ['6900012345141', '6900012345493', '6900012345493']) await type(code);
      await waitFor(() => station.state().phase === 'weighing', 3000, 'verified');
      expect(station.state().box!.lines.map((l) => [l.sku, l.scanned])).toEqual([
        ['CUP-CER-01', 1],
        ['TSH-BLK-M', 2],
      ]);
    } finally {
      await station.close();
    }
  });

  it('goes through the station router: loads a closed box on the Handover page, fills an approval dialog', async () => {
    const station = benchWithSerialScanner();
    try {
      await scannerReady(station);
      const type = await scannerEnd();
      for (const code of ['U1001', 'SO202611290001', 'BOX-S', '6900012345004', '6900012345004'])
        await type(code);
      await waitFor(() => station.state().phase === 'weighing', 3000, 'verified');
      station.scale.setWeight!(0);
      station.scale.setWeight!(702);
      await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
      const waybill = station.state().box!.shipment!.waybillNo!;
      await type(waybill);
      await waitFor(() => station.state().phase === 'idle', 3000, 'closed by its label');

      // A lead's badge into the open approval dialog fills it; nothing is logged against the packer.
      const mismatches = () => station.repos.mismatches.list({ limit: 100 }).total;
      const before = mismatches();
      station.show({ page: 'pack', dialog: 'approval' });
      await type('U1002');
      await waitFor(() => station.state().feedback?.kind === 'approval-not-lead', 3000, 'not a lead');
      await type('L2001');
      await waitFor(() => station.state().approval, 3000, 'lead in the dialog');
      expect(station.state()).toMatchObject({ approval: { lead: '李主管' }, packer: { name: '张伟' } });
      expect(mismatches()).toBe(before);
      station.show({ page: 'pack', dialog: null });
      expect(station.state().approval).toBeNull();

      station.show({ page: 'handover', dialog: null });
      await type(waybill);
      await waitFor(() => station.state().feedback?.kind === 'handover-no-batch', 3000, 'no batch yet');
      station.handovers.open('pool', '张伟');
      await type(waybill);
      await waitFor(() => station.state().feedback?.kind === 'handover-added', 3000, 'loaded');
      expect((await station.handovers.current())!.lines.map((l) => l.waybillNo)).toEqual([waybill]);
    } finally {
      await station.close();
    }
  });

  it('unplugged: reported disconnected; plugged back: reconnects and scans again', async () => {
    const station = benchWithSerialScanner();
    const states: string[] = [];
    station.on('device.status', (d) => d.id === 'scanner:fixed' && states.push(d.state));
    try {
      await scannerReady(station);
      await pty.unplug();
      // The hang-up reaches a loaded 2-core machine late: the rig waits long, the claim is only that it comes.
      await waitFor(
        () => station.devices.list().find((d) => d.id === 'scanner:fixed')?.state === 'disconnected',
        20_000,
        'disconnected',
      );
      await pty.plug();
      await waitFor(
        () => station.devices.list().find((d) => d.id === 'scanner:fixed')?.state === 'ready',
        20_000,
        'reconnected',
      );
      const type = await scannerEnd();
      await type('U1002');
      await waitFor(() => station.state().packer?.name === 'Amy Chen', 3000, 'scan after reconnect');
      expect(states).toContain('disconnected');
      expect(states.at(-1)).toBe('ready');
    } finally {
      await station.close();
    }
  }, 60_000);

  it('in the Devices page scan test, a scan is shown with its symbology and not packed', async () => {
    const station = benchWithSerialScanner();
    try {
      await scannerReady(station);
      await station.call('scanner.test', { active: true });
      const type = await scannerEnd();
      await type(']E06900012345141');
      await waitFor(() => station.state().scanTest.last, 3000, 'test scan');
      expect(station.state().scanTest.last).toMatchObject({
        code: '6900012345141',
        symbology: 'ean13',
        scanner: 'fixed',
      });
      expect(station.state().phase).toBe('login');
    } finally {
      await station.close();
    }
  });
});
