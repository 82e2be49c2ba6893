import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  ESCPOS_STATUS_QUERY,
  TSPL_STATUS_QUERY,
  ZPL_STATUS_QUERY,
  type PrinterCondition,
  type PrinterLanguage,
} from './status';

export interface CapturedJob {
  at: Date;
  bytes: Buffer;
}

/**
 * A network label printer for tests and training: listens like a raw 9100 port, keeps every job it receives and
 * answers status queries (DLE EOT, ~HS, ESC !?) with the condition it is set to.
 */
export class CapturePrinter {
  readonly jobs: CapturedJob[] = [];
  condition: PrinterCondition = 'ready';
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;

  constructor(
    readonly language: PrinterLanguage,
    private readonly dir: string | null = null,
  ) {}

  /** Power on (again on the same port). */
  async start(port = this.port, host = '127.0.0.1'): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  /** Power off: connections refused, open ones cut. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((r) => server.close(r));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      for (const query of [ESCPOS_STATUS_QUERY, ZPL_STATUS_QUERY, TSPL_STATUS_QUERY]) {
        const i = data.indexOf(query);
        if (i < 0) continue;
        // A ZPL or TSPL printer that is offline does not answer; ESC/POS answers DLE EOT in real time, offline too.
        if (this.condition !== 'offline' || query === ESCPOS_STATUS_QUERY)
          socket.write(this.statusReply(query));
        data = Buffer.concat([data.subarray(0, i), data.subarray(i + query.length)]);
      }
    });
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (data.length === 0) return;
      const job = { at: new Date(), bytes: data };
      this.jobs.push(job);
      if (this.dir) {
        mkdirSync(this.dir, { recursive: true });
        writeFileSync(
          join(this.dir, `job-${String(this.jobs.length).padStart(4, '0')}.${this.language}`),
          data,
        );
      }
    });
    socket.on('error', () => undefined);
  }

  private statusReply(query: Buffer): Buffer {
    const c = this.condition;
    if (query === ESCPOS_STATUS_QUERY) {
      const printer = 0x12 | (c === 'offline' ? 0x08 : 0);
      const offline =
        0x12 |
        (c === 'cover-open' || c === 'head-open' ? 0x04 : 0) |
        (c === 'paper-out' ? 0x20 : 0) |
        (c === 'error' ? 0x40 : 0);
      const paper = 0x12 | (c === 'paper-out' ? 0x60 : 0);
      return Buffer.from([printer, offline, paper]);
    }
    if (query === ZPL_STATUS_QUERY) {
      const paperOut = c === 'paper-out' ? 1 : 0;
      const paused = c === 'paused' ? 1 : 0;
      const headUp = c === 'head-open' || c === 'cover-open' ? 1 : 0;
      return Buffer.from(
        `\x02030,${paperOut},${paused},1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
        'latin1',
      );
    }
    const byte = {
      ready: 0x00,
      'head-open': 0x01,
      'paper-out': 0x04,
      'cover-open': 0x40,
      paused: 0x10,
      error: 0x02,
      offline: 0x00, // not sent: an offline printer does not answer
      unknown: 0x00,
    }[c];
    return Buffer.from([byte]);
  }
}
