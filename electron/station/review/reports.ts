import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Log } from '../../log';
import type { ReportCall, ReportReply } from './thread';

const FILE = 'reportThread.js';

/**
 * Where the built report thread is: beside the bundle that runs (out/main, or one up from its chunks), or, for the
 * station run from its sources (the tests), in the build `npm run build` makes. Null when there is no build.
 */
export function reportThreadFile(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, FILE),
    join(here, '..', FILE),
    resolve(here, '..', '..', '..', 'out', 'main', FILE),
  ];
  return candidates.find((f) => existsSync(f)) ?? null;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * The station's side of the report thread: one worker, started on the first report, asked by message. A worker that
 * dies fails what it was asked (the page says so) and is started again by the next report: the bench never exits for it.
 */
export class ReportThread {
  private current: { worker: Worker; pending: Map<number, Pending> } | null = null;
  private next = 0;

  constructor(
    private readonly file: string,
    private readonly database: string,
    private readonly log: Log,
  ) {}

  call<T>(call: ReportCall): Promise<T> {
    const { worker, pending } = this.start();
    const id = ++this.next;
    return new Promise<T>((resolvePromise, reject) => {
      pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject });
      worker.postMessage({ id, ...call });
    });
  }

  private start(): { worker: Worker; pending: Map<number, Pending> } {
    if (this.current) return this.current;
    const worker = new Worker(this.file, { workerData: { file: this.database } });
    const pending = new Map<number, Pending>();
    worker.on('message', (m: ReportReply) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if ('error' in m) p.reject(new Error(m.error));
      else
        p.resolve(
          m.result instanceof Uint8Array
            ? Buffer.from(m.result.buffer, m.result.byteOffset, m.result.byteLength)
            : m.result,
        );
    });
    const down = (why: string) => {
      if (this.current?.worker === worker) this.current = null;
      for (const p of pending.values()) p.reject(new Error(`the report thread stopped: ${why}`));
      pending.clear();
    };
    worker.on('error', (err) => {
      this.log.error('report thread failed', err);
      down(err.message);
    });
    worker.on('exit', (code) => down(`exit ${code}`));
    // An idle report thread does not keep a closing station (or a CLI command) alive.
    worker.unref();
    this.current = { worker, pending };
    return this.current;
  }

  /** Stops the thread; what it was asked fails, and the next report starts a new one. */
  async close(): Promise<void> {
    const worker = this.current?.worker;
    this.current = null;
    await worker?.terminate();
  }
}
