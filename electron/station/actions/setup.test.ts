import { SerialPortMock } from 'serialport';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT, readConfigFile } from '../../config';
import { listSerialPorts, listSpoolerPrinters, listUsbDevices } from '../../devices';
import { CapturePrinter } from '../../devices/printer';
import { ScaleEmulator } from '../../devices/scale';
import { silentLog } from '../../log';
import { ptyPair, tempDir, writeJson, type PtyPair } from '../../testing';
import { Station } from '..';

// Setting a bench's devices up on screen (issue 22): what the machine has, a scale found and read on a real PTY with
// the emulator on the other end, a test label at a TCP capture printer, and the choice written to the config file.
const MockBinding = SerialPortMock.binding;

describe('what the machine has', () => {
  it('lists serial ports with who made them and their USB ids (serialport mock binding), in COM order', async () => {
    MockBinding.reset();
    MockBinding.createPort('COM10', { manufacturer: 'FTDI', vendorId: '0403', productId: '6001' });
    MockBinding.createPort('COM3', { manufacturer: 'Prolific', vendorId: '067b', productId: '2303' });
    const ports = await listSerialPorts(() => MockBinding.list());
    expect(ports.map((p) => [p.path, p.manufacturer, p.vendorId, p.productId])).toEqual([
      ['COM3', 'Prolific', '067b', '2303'],
      ['COM10', 'FTDI', '0403', '6001'],
    ]);
  });

  it("reads the Windows spooler's printers (one or several), and none off Windows", async () => {
    const one = JSON.stringify({
      Name: 'ZDesigner GK888t',
      DriverName: 'ZDesigner GK888t (EPL)',
      PortName: 'USB001',
    });
    const many = JSON.stringify([
      { Name: 'Deli DL-888', DriverName: 'Deli', PortName: 'USB002' },
      { Name: 'Microsoft Print to PDF', DriverName: 'Microsoft Print To PDF', PortName: 'PORTPROMPT:' },
    ]);
    expect(await listSpoolerPrinters('win32', async () => one)).toEqual([
      { name: 'ZDesigner GK888t', driver: 'ZDesigner GK888t (EPL)', port: 'USB001' },
    ]);
    expect((await listSpoolerPrinters('win32', async () => many)).map((p) => p.name)).toEqual([
      'Deli DL-888',
      'Microsoft Print to PDF',
    ]);
    expect(await listSpoolerPrinters('win32', async () => '')).toEqual([]);
    expect(await listSpoolerPrinters('linux', async () => one)).toEqual([]);
  });

  it('marks USB devices with a HID interface; a machine without a readable bus lists none', async () => {
    const scale = {
      vendorId: 0x0922,
      productId: 0x8003,
      productName: 'M25 Scale',
      manufacturerName: 'Dymo',
      configuration: { interfaces: [{ alternate: { interfaceClass: 3 } }] },
    };
    const printer = {
      vendorId: 0x0a5f,
      productId: 0x0080,
      configuration: { interfaces: [{ alternate: { interfaceClass: 7 } }] },
    };
    expect(await listUsbDevices(async () => [scale, printer])).toEqual([
      { vendorId: 0x0922, productId: 0x8003, name: 'M25 Scale', manufacturer: 'Dymo', hid: true },
      { vendorId: 0x0a5f, productId: 0x0080, name: null, manufacturer: null, hid: false },
    ]);
    expect(
      await listUsbDevices(async () => {
        throw new Error('LIBUSB_ERROR_ACCESS');
      }),
    ).toEqual([]);
  });
});

describe('set-up through the station', () => {
  let dir: string;
  let cleanup: () => void;
  let station: Station;
  let pty: PtyPair;
  let emulator: ScaleEmulator;
  const printer = new CapturePrinter('zpl');
  let configFile: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    configFile = writeJson(join(dir, 'bench.json'), {
      station: { id: 'SETUP-1' },
      database: { path: 'b.db' },
      demoData: true,
    });
    station = new Station({
      loaded: {
        config: ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'SETUP-1' } }),
        source: { kind: 'flag', path: configFile },
        databasePath: join(dir, 'b.db'),
      },
      version: 't',
      log: silentLog,
    });
    pty = await ptyPair(dir, 'scale');
    emulator = new ScaleEmulator({ path: pty.b, protocol: 'ohaus', grams: 1250, intervalMs: 40 });
    await emulator.start();
    await printer.start();
  }, 30_000);
  afterAll(async () => {
    await emulator.close();
    await pty.unplug();
    await printer.stop();
    await station.close();
    cleanup();
  });

  it('names the config file it edits', async () => {
    expect(await station.call('setup.inventory', undefined)).toMatchObject({
      ok: true,
      result: { configFile },
    });
  });

  it('finds the scale on a port and reads it', async () => {
    const found = await station.call('setup.detectScale', { port: pty.a });
    expect(found).toMatchObject({ ok: true, result: { use: 'ohaus' } });
    expect(await station.call('setup.readScale', { port: pty.a, protocol: 'ohaus' })).toMatchObject({
      ok: true,
      result: { grams: 1250 },
    });
    const missing = await station.call('setup.detectScale', { port: join(dir, 'no-such-port') });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot open/) } });
  });

  it('prints a test label on a chosen printer', async () => {
    const r = await station.call('setup.testPrint', {
      uri: `tcp://127.0.0.1:${printer.port}`,
      language: 'zpl',
    });
    expect(r).toMatchObject({ ok: true });
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.bytes.toString('latin1').startsWith('^XA')).toBe(true);
  });

  it('an admin writes the choice into the config file: checked, the old file kept, audited; anyone else is refused', async () => {
    const choice = {
      scale: { port: pty.a, protocol: 'ohaus' },
      labelPrinter: { uri: `tcp://127.0.0.1:${printer.port}`, language: 'zpl' },
    };
    const packer = await station.call('setup.save', { admin: '张伟', pin: '1234', ...choice });
    expect(packer).toMatchObject({ ok: false });
    const lead = await station.call('setup.save', { admin: '李主管', pin: '2468', ...choice });
    expect(lead).toMatchObject({ ok: false, error: { message: 'changing the rules needs an admin' } });
    const before = readFileSync(configFile, 'utf8');
    const saved = await station.call('setup.save', { admin: 'admin', pin: '9999', ...choice });
    expect(saved).toMatchObject({ ok: true, result: { file: configFile } });
    const written = readConfigFile(configFile);
    expect(written.station.id).toBe('SETUP-1');
    expect(written.scale).toMatchObject({ kind: 'serial', port: pty.a, protocol: 'ohaus' });
    expect(written.printers.label).toMatchObject({ uri: `tcp://127.0.0.1:${printer.port}`, language: 'zpl' });
    const backup = (saved as { result: { backup: string } }).result.backup;
    expect(readFileSync(backup, 'utf8')).toBe(before);
    const audit = station.repos.audit.list();
    expect(audit).toMatchObject([
      { who: 'admin', action: 'devices.save', detail: { file: configFile, backup } },
    ]);
    // A choice the schema refuses writes nothing.
    const now = readFileSync(configFile, 'utf8');
    const files = readdirSync(dir).length;
    const bad = await station.call('setup.save', {
      admin: 'A9001',
      pin: '9999',
      labelPrinter: { uri: 'tcp://no port here', language: 'zpl' },
    });
    expect(bad).toMatchObject({ ok: false });
    expect(readFileSync(configFile, 'utf8')).toBe(now);
    expect(readdirSync(dir).length).toBe(files);
    expect(existsSync(configFile)).toBe(true);
  });
});
