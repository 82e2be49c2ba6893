import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { queryBytes } from './transport';
import type { PrinterTarget } from './uri';

export type PrinterLanguage = 'zpl' | 'tspl' | 'epl' | 'escpos' | 'pdf';
export type PrinterCondition =
  'ready' | 'paper-out' | 'head-open' | 'cover-open' | 'paused' | 'offline' | 'error' | 'unknown';

export interface PrinterStatus {
  condition: PrinterCondition;
  detail: string;
}

/**
 * What each language's status answer can say (from the manuals): a condition outside its list cannot be told apart
 * by that printer — a Zebra reports an open cover as "head up", ESC/POS has no pause, EPL no status at all.
 */
export const REPORTS: Record<PrinterLanguage, readonly PrinterCondition[]> = {
  escpos: ['ready', 'paper-out', 'cover-open', 'error', 'offline'],
  zpl: ['ready', 'paper-out', 'paused', 'head-open', 'error', 'offline'],
  tspl: ['ready', 'head-open', 'cover-open', 'paper-out', 'paused', 'error', 'offline'],
  epl: ['unknown', 'offline'],
  pdf: ['unknown', 'offline'],
};

/** ESC/POS `DLE EOT 1`, `2`, `4`: printer, offline cause, paper sensor; one byte each. */
export const ESCPOS_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
/** ZPL host status: three STX…ETX CR LF strings. */
export const ZPL_STATUS_QUERY = Buffer.from('~HS', 'latin1');
/** TSPL `ESC ! ?`: one status byte. */
export const TSPL_STATUS_QUERY = Buffer.from([0x1b, 0x21, 0x3f]);

export function parseEscposStatus(reply: Buffer): PrinterStatus {
  const [printer = 0, offline = 0, paper = 0] = reply;
  if ((paper & 0x60) === 0x60 || offline & 0x20) return { condition: 'paper-out', detail: 'paper end' };
  if (offline & 0x04) return { condition: 'cover-open', detail: 'cover open' };
  if (offline & 0x40) return { condition: 'error', detail: 'printer error' };
  if (printer & 0x08) return { condition: 'offline', detail: 'offline' };
  return { condition: 'ready', detail: 'ready' };
}

export function parseZplStatus(reply: Buffer): PrinterStatus {
  const lines = reply
    .toString('latin1')
    .split('\x03')
    .map((l) => l.replace(/[\x02\r\n]/g, ''))
    .filter(Boolean);
  const one = lines[0]?.split(',') ?? [];
  const two = lines[1]?.split(',') ?? [];
  if (one[1] === '1') return { condition: 'paper-out', detail: 'paper out' };
  if (two[2] === '1') return { condition: 'head-open', detail: 'head up' };
  if (two[3] === '1') return { condition: 'error', detail: 'ribbon out' };
  if (one[2] === '1') return { condition: 'paused', detail: 'paused' };
  return { condition: 'ready', detail: 'ready' };
}

export function parseTsplStatus(reply: Buffer): PrinterStatus {
  const b = reply[0] ?? 0xff;
  if (b === 0x00 || b === 0x20) return { condition: 'ready', detail: b === 0x20 ? 'printing' : 'ready' };
  if (b & 0x01) return { condition: 'head-open', detail: 'head open' };
  if (b & 0x40) return { condition: 'cover-open', detail: 'cover open' };
  if (b & 0x04) return { condition: 'paper-out', detail: 'no paper' };
  if (b & 0x02) return { condition: 'error', detail: 'paper jam' };
  if (b & 0x08) return { condition: 'error', detail: 'no ribbon' };
  if (b & 0x10) return { condition: 'paused', detail: 'paused' };
  return { condition: 'unknown', detail: `status byte 0x${b.toString(16)}` };
}

/**
 * Asks the printer how it is. No answer in time is an error (a Zebra out of media may not answer at all); EPL has
 * no status query, so a reachable EPL printer is "unknown" rather than "ready".
 */
export async function printerStatus(
  target: PrinterTarget,
  language: PrinterLanguage,
  timeoutMs = 1500,
): Promise<PrinterStatus> {
  if (target.kind === 'file') {
    try {
      const dir = existsSync(target.path) ? target.path : dirname(target.path);
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      return { condition: 'ready', detail: `writes to ${target.path}` };
    } catch (e) {
      return { condition: 'error', detail: (e as Error).message };
    }
  }
  if (target.kind === 'spooler')
    return {
      condition: process.platform === 'win32' ? 'unknown' : 'error',
      detail:
        process.platform === 'win32'
          ? 'status through the Windows spooler is not queried'
          : 'spooler printers need Windows',
    };
  const ask = async (
    query: Buffer,
    complete: (r: Buffer) => boolean,
    parse: (r: Buffer) => PrinterStatus,
  ) => {
    try {
      const reply = await queryBytes(target, query, complete, timeoutMs);
      return reply
        ? parse(reply)
        : { condition: 'offline' as const, detail: `no status reply within ${timeoutMs} ms` };
    } catch (e) {
      return { condition: 'offline' as const, detail: (e as Error).message };
    }
  };
  switch (language) {
    case 'escpos':
      return ask(ESCPOS_STATUS_QUERY, (r) => r.length >= 3, parseEscposStatus);
    case 'zpl':
      return ask(ZPL_STATUS_QUERY, (r) => r.toString('latin1').split('\x03').length > 3, parseZplStatus);
    case 'tspl':
      return ask(TSPL_STATUS_QUERY, (r) => r.length >= 1, parseTsplStatus);
    default: {
      // EPL and PDF-over-network: reachable is all we can know.
      const s = await ask(
        Buffer.alloc(0),
        () => false,
        () => ({ condition: 'unknown', detail: '' }),
      );
      return s.detail.startsWith('no status reply')
        ? { condition: 'unknown', detail: 'reachable; this language has no status query' }
        : s;
    }
  }
}
