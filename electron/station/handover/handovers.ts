import { refuse } from '../../../shared/contract';
import type { Repos } from '../../store';
import type { FeedbackDraft } from '../feedback';
import {
  handoverDraft,
  refuseUnknownCarrier,
  type Batch,
  type DailyRow,
  type Dock,
  type HandoverLine,
  type HandoverScan,
  type ShelfRow,
} from './dock';
import type { ManifestSheet } from '../../labels';
import { readManifest, writeManifest, type ClosedBatch } from './manifest';

const SHELF_DAYS = 14;

/**
 * 交接: boxes scanned onto a carrier's batch as they are loaded; closing the batch writes the manifest (PDF and CSV:
 * waybill no., order no., weight, count) and the day's counts per carrier stay queryable from the archive.
 */
export class Handovers implements Dock {
  constructor(
    private readonly repos: Pick<Repos, 'handovers'>,
    private readonly stationId: string,
    private readonly manifestDir: string,
    private readonly now: () => Date,
    /** The carriers this bench books with: a batch for any other name could never be loaded. */
    private readonly carriers: readonly string[],
    /** Prints the closed batch's manifest on the bench's printer (the station; the command line writes files only). */
    private readonly print?: (sheet: ManifestSheet) => Promise<unknown>,
  ) {}

  /**
   * One open batch per bench at a time: the one being loaded. Opening it again for the same carrier returns it;
   * another carrier waits until it is closed, so no batch is left open and unreachable.
   */
  open(carrier: string, by: string | null): number {
    const unknown = refuseUnknownCarrier(carrier, this.carriers);
    if (unknown) throw unknown;
    const open = this.repos.handovers.openAt(this.stationId);
    if (open?.carrier === carrier) return open.id;
    if (open) throw refuse('batch-open', { batch: open.id, carrier: open.carrier, wanted: carrier });
    return this.repos.handovers.open(carrier, this.stationId, by, this.now().toISOString());
  }

  current(): Batch | null {
    const h = this.repos.handovers.openAt(this.stationId);
    return h ? { ...h, lines: this.lines(h.id), missing: this.repos.handovers.missing(h.id) } : null;
  }

  lines(id: number): HandoverLine[] {
    return this.repos.handovers.lines(id);
  }

  /** Scan-to-load: only closed boxes with a label of this batch's carrier go on it; anything else is said plainly. */
  scan(code: string): HandoverScan {
    const batch = this.current();
    if (!batch) throw refuse('batch-none');
    const s = this.repos.handovers.loadable(code.trim());
    if (!s) return { result: 'unlabelled', code };
    if (s.carrier !== batch.carrier) return { result: 'other-carrier', carrier: s.carrier };
    if (s.session_status !== 'closed') return { result: 'not-closed', orderNo: s.order_no };
    const on = this.repos.handovers.batchOf(s.id, s.carton);
    if (on) return { result: 'duplicate', batchId: on };
    this.repos.handovers.load(batch.id, s.id, this.now().toISOString(), s.carton);
    const lines = this.lines(batch.id);
    const left = this.repos.handovers.missing(batch.id).filter((m) => m.orderNo === s.order_no).length;
    return {
      result: 'added',
      line: lines.find((l) => l.waybillNo === s.waybill_no)!,
      count: lines.length,
      left,
    };
  }

  /** A scan routed to the loading dock: what happened, as the bench says it (colour, sound, words). */
  load(code: string): FeedbackDraft {
    if (!this.current()) return { tone: 'wrong', kind: 'handover-no-batch', params: {} };
    return handoverDraft(this.scan(code));
  }

  /** Closes the open batch and writes its manifest; returns the files. */
  async close(by: string | null): Promise<ClosedBatch> {
    const batch = this.current();
    if (!batch) throw refuse('batch-none-to-close');
    if (batch.lines.length === 0) throw refuse('batch-empty', { batch: batch.id, carrier: batch.carrier });
    const at = this.now();
    this.repos.handovers.close(batch.id, by, at.toISOString());
    // Cartons of these orders that did not go on the truck are listed on the manifest under their order.
    return writeManifest(this.manifestDir, batch, this.stationId, at, by, this.print);
  }

  /** Boxes handed over per day and carrier (记录所发运面单数量，汇总存档). */
  daily(from: string, to: string): DailyRow[] {
    return this.repos.handovers.daily(from, to);
  }

  /** This bench's closed boxes that no batch has taken yet (a box closed a fortnight ago is a lost box, not a shelf). */
  shelf(): ShelfRow[] {
    const since = new Date(this.now().getTime() - SHELF_DAYS * 86_400_000).toISOString();
    return this.repos.handovers.shelf(this.stationId, since);
  }

  manifest(id: number) {
    return readManifest(this.manifestDir, id);
  }
}
