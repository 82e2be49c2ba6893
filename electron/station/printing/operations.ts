import { refuse } from '../../../shared/contract';
import type { LoadedConfig } from '../../config';
import type { PrinterStatus } from '../../devices/printer';
import { encodeLabel, manifestLabels, renderFaceSheet, SAMPLE_SHEET, type ManifestSheet } from '../../labels';
import { dirname, isAbsolute, join } from 'node:path';
import type { Log } from '../../log';
import type { Archives, Repos } from '../../store';
import type { PrintQueue } from '../../devices/printer';

/** What printing a test sheet or a reprint needs from the bench. */
export interface PrintDesk {
  config: LoadedConfig['config'];
  repos: Repos;
  queue: PrintQueue;
  log: Log;
  stationId: string;
  now: () => Date;
  /** Who asked (the logged-in packer or lead). */
  who: () => string | null;
  /** The open box's session, if a box is open. */
  openSession: () => string | null;
  /** Label bytes of boxes archived by retention. */
  archives: Pick<Archives, 'label'>;
}

/** The test face sheet on a configured printer, through the queue like any job. */
export async function printTest(s: PrintDesk, role: 'label' | 'slip'): Promise<void> {
  const p = s.config.printers[role];
  if (!p) throw refuse('printer-none', { role });
  const size = 'size' in p ? p.size : '100x150';
  const dpi = 'dpi' in p ? p.dpi : 203;
  const payload = await encodeLabel(
    renderFaceSheet({ ...SAMPLE_SHEET, printedAt: s.now(), stationId: s.stationId }, size, dpi),
    p.language,
    size,
  );
  s.repos.printJobs.add(
    {
      printer: role,
      language: p.language,
      kind: 'test',
      payload,
      requested_by: s.who(),
    },
    s.now().toISOString(),
  );
  s.queue.kick(role);
}

/**
 * A closed batch's manifest on the label printer, label-size (one label per 20 boxes), through the queue like any
 * job; the A4 PDF stays for the office printer. A bench without a label printer prints nothing.
 */
export async function printManifest(s: PrintDesk, sheet: ManifestSheet): Promise<number> {
  const p = s.config.printers.label;
  if (!p) return 0;
  const size = 'size' in p ? p.size : '100x150';
  const dpi = 'dpi' in p ? p.dpi : 203;
  const at = s.now().toISOString();
  const labels = manifestLabels(sheet, size, dpi);
  for (const raster of labels)
    s.repos.printJobs.add(
      {
        printer: 'label',
        language: p.language,
        kind: 'manifest',
        payload: await encodeLabel(raster, p.language, size),
        requested_by: s.who(),
      },
      at,
    );
  s.queue.kick('label');
  return labels.length;
}

/** Prints a box's label again (the open box's, or by waybill), with the reason; the new job is logged. */
export function reprint(s: PrintDesk, reason: string, waybillNo?: string): void {
  const sessionId = waybillNo ? s.repos.shipments.byWaybill(waybillNo)?.session_id : s.openSession();
  // One carton of several is reprinted by its own number; by the master (or with no number) the last label.
  const labels = sessionId ? s.repos.printJobs.forSession(sessionId).filter((j) => j.kind === 'label') : [];
  const last = labels.filter((j) => j.waybill_no === waybillNo).at(-1) ?? labels.at(-1);
  if (!last) throw waybillNo ? refuse('label-none', { waybill: waybillNo }) : refuse('label-none-yet');
  // A box from before the retention period printed from its month's archive.
  const payload = last.payload.length ? last.payload : s.archives.label(last.id, last.session_id);
  if (!payload?.length) throw refuse('label-none', { waybill: last.waybill_no ?? '' });
  s.repos.printJobs.add(
    {
      printer: last.printer,
      language: last.language,
      kind: 'label',
      session_id: last.session_id,
      waybill_no: last.waybill_no,
      payload,
      reprint_of: last.id,
      reason,
      requested_by: s.who(),
    },
    s.now().toISOString(),
  );
  s.log.info(`reprint of ${last.waybill_no} by ${s.who() ?? '-'}: ${reason}`);
  s.queue.kick(last.printer as 'label');
}

export function printerDeviceState(s: PrinterStatus): {
  state: 'ready' | 'disconnected' | 'error' | 'virtual';
  detail?: string;
} {
  if (s.condition === 'ready') return { state: 'ready', detail: s.detail };
  if (s.condition === 'offline') return { state: 'disconnected', detail: s.detail };
  if (s.condition === 'unknown') return { state: 'ready', detail: s.detail };
  return { state: 'error', detail: s.detail };
}

/** `file:labels` in a config file means a folder next to that file (or in the user data folder for the default). */
export function resolveFileUri(uri: string, loaded: LoadedConfig): string {
  if (!uri.startsWith('file:')) return uri;
  const path = uri.slice(5);
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return uri;
  const base = loaded.source.path ? dirname(loaded.source.path) : dirname(loaded.databasePath);
  return `file:${join(base, path)}`;
}
