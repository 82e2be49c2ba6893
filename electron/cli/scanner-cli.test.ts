import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimUsbScanner, UsbScannerError } from '../devices/scanner';
import { cliPath, ptyPair, runCli, tempDir, type PtyPair } from '../testing';

let dir: string;
let cleanup: () => void;
let pty: PtyPair;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  pty = await ptyPair(dir);
});
afterEach(async () => {
  await pty.unplug();
  cleanup();
});

describe('packbench scanner listen / sim scanner over a PTY', () => {
  it('the emulated serial scanner’s codes come out of listen as JSON lines with their symbology', async () => {
    const codes = join(dir, 'codes.txt');
    writeFileSync(codes, 'SO202611290001\n]C1010690012345141\n]E06900012345004\n');
    const listen = spawn(
      process.execPath,
      [cliPath, 'scanner', 'listen', '--serial', pty.a, '--suffix', 'crlf', '--json', '--count', '3'],
      { stdio: 'pipe' },
    );
    let out = '';
    let err = '';
    listen.stdout.on('data', (d) => (out += d));
    listen.stderr.on('data', (d) => (err += d));
    const exited = new Promise((r) => listen.once('exit', r));
    while (!err.includes('serial: ready')) await new Promise((r) => setTimeout(r, 20));
    const sim = await runCli([
      'sim',
      'scanner',
      '--port',
      pty.b,
      '--codes',
      codes,
      '--interval-ms',
      '20',
      '--suffix',
      'crlf',
    ]);
    expect(sim.code, sim.stderr).toBe(0);
    const code = await exited;
    expect(code).toBe(0);
    const scans = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(scans.map((s) => [s.code, s.symbology])).toEqual([
      ['SO202611290001', null],
      ['010690012345141', 'gs1-128'],
      ['6900012345004', 'ean13'],
    ]);
  });

  it('refuses a bad suffix and a missing scanner', async () => {
    expect((await runCli(['scanner', 'listen', '--serial', pty.a, '--suffix', 'nul'])).stderr).toContain(
      '--suffix must be one of',
    );
    expect((await runCli(['scanner', 'listen'])).code).toBe(1);
  });
});

describe('raw USB keyboard scanner through the real usb library (no USB bus on this machine)', () => {
  it('a library failure is named, with the device looked for', async () => {
    const error = await claimUsbScanner(0x0c2e, 0x0b61).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsbScannerError);
    const e = error as UsbScannerError;
    // Here there is no /sys/bus/usb at all, so the library itself fails; on a PC with USB it finds no such device.
    expect(e.kind).toBe(existsSync('/sys/bus/usb/devices') ? 'no-device' : 'library');
    expect(e.message).toContain('0c2e:0b61');
  });

  it('with an empty USB bus, "no device" is told apart from a library error', (ctx) => {
    const probe = spawnSync('unshare', ['-m', 'true']);
    if (probe.status !== 0) {
      console.log('skipped: needs unshare -m (root) to give the library an empty /sys/bus/usb');
      ctx.skip();
    }
    const r = spawnSync(
      'unshare',
      [
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs none /sys/bus && mkdir -p /sys/bus/usb/devices && exec "${process.execPath}" "${cliPath}" scanner listen --usb 0c2e:0b61`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-device: no USB device 0c2e:0b61 is connected');
  });
});
