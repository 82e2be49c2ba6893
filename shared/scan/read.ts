import { stripAim, type AimSplit } from './aim';
import { parseCommand, type ScanCommand } from './command';
import { Gs1Error, looksLikeGs1, parseGs1, type Gs1Data } from './gs1';

/** One scan as the workflow reads it: a command barcode, a GS1 element string, or a plain code. */
export type ScanReading =
  | { kind: 'command'; command: ScanCommand; symbology: string | null }
  | { kind: 'gs1'; code: string; gs1: Gs1Data; symbology: string | null }
  | { kind: 'plain'; code: string; symbology: string | null }
  | { kind: 'invalid'; code: string; reason: string; symbology: string | null };

/** A raw scan, AIM identifier and all (tests, the command line). */
export function readScan(raw: string, gsSubstitute?: string): ScanReading {
  return readSplitScan(stripAim(raw.trim()), gsSubstitute);
}

/** A scan whose AIM identifier was already read at the edge (scanner driver or `scan.submit`). */
export function readSplitScan({ data, symbology, gs1 }: AimSplit, gsSubstitute?: string): ScanReading {
  const command = parseCommand(data);
  if (command) return { kind: 'command', command, symbology };
  const normalized = gsSubstitute ? data.split(gsSubstitute).join('\u001d') : data;
  if (gs1 || looksLikeGs1(normalized)) {
    try {
      return { kind: 'gs1', code: data, gs1: parseGs1(normalized), symbology };
    } catch (err) {
      if (gs1) return { kind: 'invalid', code: data, reason: (err as Gs1Error).message, symbology };
    }
  }
  return { kind: 'plain', code: data, symbology };
}
