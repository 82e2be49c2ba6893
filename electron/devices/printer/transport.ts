import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PrinterTarget } from './uri';

/**
 * Delivers a job's bytes. Resolves only once they were accepted (TCP closed cleanly after the write, serial
 * drained, file written, spooler job submitted): that is when a job counts as printed.
 */
export async function sendBytes(
  target: PrinterTarget,
  bytes: Buffer,
  timeoutMs = 10_000,
  jobName = 'label',
): Promise<void> {
  switch (target.kind) {
    case 'tcp':
      return new Promise((resolve, reject) => {
        const socket = connect({ host: target.host, port: target.port });
        const timer = setTimeout(
          () =>
            socket.destroy(
              new Error(`${target.host}:${target.port} did not take the job within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        socket.once('connect', () => socket.end(bytes));
        socket.once('close', (hadError) => {
          clearTimeout(timer);
          if (!hadError) resolve();
        });
      });
    case 'serial': {
      const port = new SerialPort({ path: target.path, baudRate: target.baud, autoOpen: false, lock: false });
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
      try {
        await new Promise<void>((resolve, reject) =>
          port.write(bytes, (e) => (e ? reject(e) : port.drain((d) => (d ? reject(d) : resolve())))),
        );
      } finally {
        await new Promise((r) => port.close(r));
      }
      return;
    }
    case 'file': {
      // A folder gets one file per job (the PDF "printer" of the default bench); anything else is a device to append to.
      const isDir =
        target.path.endsWith('/') ||
        target.path.endsWith('\\') ||
        (existsSync(target.path) && statSync(target.path).isDirectory());
      if (isDir || !existsSync(target.path)) {
        const dir = target.path;
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${jobName}.${sniffExtension(bytes)}`),
          bytes,
        );
      } else appendFileSync(target.path, bytes);
      return;
    }
    case 'spooler':
      return spoolRaw(target.name, bytes, jobName);
  }
}

const sniffExtension = (b: Buffer) =>
  b.subarray(0, 4).toString('latin1') === '%PDF'
    ? 'pdf'
    : b[0] === 0x89
      ? 'png'
      : b.subarray(0, 3).toString('latin1') === '^XA'
        ? 'zpl'
        : 'bin';

/**
 * Windows spooler, RAW datatype: a USB label printer belongs to its driver, so the bytes go through the spooler
 * (OpenPrinter/StartDocPrinter/WritePrinter from winspool.drv via PowerShell; no native module to build).
 */
async function spoolRaw(printer: string, bytes: Buffer, jobName: string): Promise<void> {
  if (process.platform !== 'win32')
    throw new Error('spooler: printers are a Windows feature; use tcp://, serial: or file: here');
  const file = join(tmpdir(), `packbench-${Date.now()}.bin`);
  writeFileSync(file, bytes);
  const script = `
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System; using System.Runtime.InteropServices;
public class RawPrint {
  [StructLayout(LayoutKind.Sequential, CharSet=CharSet.Unicode)] public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet=CharSet.Unicode, SetLastError=true)] public static extern bool OpenPrinter(string n, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError=true)] public static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet=CharSet.Unicode, SetLastError=true)] public static extern int StartDocPrinter(IntPtr h, int level, DOCINFO di);
  [DllImport("winspool.drv", SetLastError=true)] public static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError=true)] public static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError=true)] public static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError=true)] public static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int w);
  public static void Send(string printer, string doc, byte[] data) {
    IntPtr h; if (!OpenPrinter(printer, out h, IntPtr.Zero)) throw new Exception("OpenPrinter failed: " + Marshal.GetLastWin32Error());
    try {
      var di = new DOCINFO { pDocName = doc, pDataType = "RAW" };
      if (StartDocPrinter(h, 1, di) == 0) throw new Exception("StartDocPrinter failed: " + Marshal.GetLastWin32Error());
      StartPagePrinter(h); int w; bool ok = WritePrinter(h, data, data.Length, out w); EndPagePrinter(h); EndDocPrinter(h);
      if (!ok || w != data.Length) throw new Exception("WritePrinter wrote " + w + " of " + data.Length);
    } finally { ClosePrinter(h); }
  }
}
"@
[RawPrint]::Send($env:PB_PRINTER, $env:PB_JOB, [System.IO.File]::ReadAllBytes($env:PB_FILE))
`;
  await new Promise<void>((resolve, reject) => {
    const ps = spawn('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
      env: { ...process.env, PB_PRINTER: printer, PB_JOB: jobName, PB_FILE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    ps.stderr.on('data', (d) => (err += d));
    ps.on('error', reject);
    ps.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`spooler ${printer}: ${err.trim() || `exit ${code}`}`)),
    );
  });
}

/** Sends a query and collects the reply until `done` says it is complete or the time is up. */
export function queryBytes(
  target: PrinterTarget,
  query: Buffer,
  done: (reply: Buffer) => boolean,
  timeoutMs: number,
): Promise<Buffer | null> {
  if (target.kind !== 'tcp' && target.kind !== 'serial') return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let reply = Buffer.alloc(0);
    let finished = false;
    const finish = (value: Buffer | null, close: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      close();
      resolve(value);
    };
    let close = () => undefined as void;
    const timer = setTimeout(() => finish(null, close), timeoutMs);
    const onData = (d: Buffer) => {
      reply = Buffer.concat([reply, d]);
      if (done(reply)) finish(reply, close);
    };
    if (target.kind === 'tcp') {
      const socket = connect({ host: target.host, port: target.port });
      close = () => void socket.destroy();
      socket.on('data', onData);
      socket.once('error', (e) => {
        if (!finished) {
          finished = true;
          clearTimeout(timer);
          reject(e);
        }
      });
      socket.once('connect', () => socket.write(query));
    } else {
      const port = new SerialPort({ path: target.path, baudRate: target.baud, autoOpen: false, lock: false });
      close = () => void (port.isOpen && port.close());
      port.on('data', onData);
      port.open((e) => {
        if (e) {
          finished = true;
          clearTimeout(timer);
          return reject(e);
        }
        port.write(query);
      });
    }
  });
}
