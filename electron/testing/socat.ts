import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The bench's end (what the config names). */
  a: string;
  /** The device's end (where an emulator writes). */
  b: string;
  /** Kill socat: both ends vanish, as when a USB-serial cable is pulled. */
  unplug(): Promise<void>;
  /** Start socat again with the same link names. */
  plug(): Promise<void>;
}

/** A linked pair of pseudo-terminals from socat: real serial ports for serialport, no hardware needed. */
export async function ptyPair(dir: string, name = 'tty'): Promise<PtyPair> {
  const a = join(dir, `${name}-A`);
  const b = join(dir, `${name}-B`);
  let child: ChildProcess | null = null;
  const plug = async () => {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 200 && !(existsSync(a) && existsSync(b)); i++)
      await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(a) || !existsSync(b))
      throw new Error('socat did not create the PTY pair (is socat installed?)');
  };
  const unplug = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await plug();
  return { a, b, plug, unplug };
}

export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
