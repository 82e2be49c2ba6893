import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Log } from '../log';

/**
 * Where a built worker entry (`out/main/<name>.js`) is: beside the bundle that runs, or one up from its chunks, or, for
 * the station run from its sources (the tests), in the build `npm run build` makes. Null when there is no build.
 */
export function builtThread(name: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = `${name}.js`;
  const candidates = [
    join(here, file),
    join(here, '..', file),
    resolve(here, '..', '..', 'out', 'main', file),
  ];
  return candidates.find((f) => existsSync(f)) ?? null;
}

/** What a worker entry answers: the result for a call's id, or its error in words. */
export type ThreadReply = { id: number; result: unknown } | { id: number; error: string };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * One worker thread, started on the first call and asked by message. A worker that dies fails what it was asked and
 * is started again by the next call: the bench never exits for it. Bytes come back as a Buffer, moved, not copied.
 */
export class WorkerThread<Call extends object> {
  private current: { worker: Worker; pending: Map<number, Pending> } | null = null;
  private next = 0;

  constructor(
    private readonly name: string,
    private readonly file: string,
    private readonly workerData: unknown,
    private readonly log: Log,
  ) {}

  call<T>(call: Call): Promise<T> {
    const { worker, pending } = this.start();
    const id = ++this.next;
    return new Promise<T>((resolvePromise, reject) => {
      pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject });
      // Asked, it keeps the process alive until it answers; idle, it does not.
      worker.ref();
      worker.postMessage({ id, ...call });
    });
  }

  private start(): { worker: Worker; pending: Map<number, Pending> } {
    if (this.current) return this.current;
    const worker = new Worker(this.file, { workerData: this.workerData });
    const pending = new Map<number, Pending>();
    worker.on('message', (m: ThreadReply) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
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
      for (const p of pending.values()) p.reject(new Error(`the ${this.name} thread stopped: ${why}`));
      pending.clear();
    };
    worker.on('error', (err) => {
      this.log.error(`${this.name} thread failed`, err);
      down(err.message);
    });
    worker.on('exit', (code) => down(`exit ${code}`));
    // An idle thread does not keep a closing station (or a CLI command) alive.
    worker.unref();
    this.current = { worker, pending };
    return this.current;
  }

  /** Stops the thread; what it was asked fails, and the next call starts a new one. */
  async close(): Promise<void> {
    const worker = this.current?.worker;
    this.current = null;
    await worker?.terminate();
  }
}

/** The worker's side: answers each call with `answer`, moving a Buffer result's bytes instead of copying them. */
export function serveThread<Call extends object>(
  port: import('node:worker_threads').MessagePort,
  answer: (call: Call) => unknown,
): void {
  port.on('message', (req: Call & { id: number }) => {
    Promise.resolve()
      .then(() => answer(req))
      .then(
        (result) => {
          if (Buffer.isBuffer(result)) {
            const bytes = new Uint8Array(result);
            port.postMessage({ id: req.id, result: bytes }, [bytes.buffer]);
          } else port.postMessage({ id: req.id, result });
        },
        (err: unknown) => port.postMessage({ id: req.id, error: (err as Error).message ?? String(err) }),
      );
  });
}
