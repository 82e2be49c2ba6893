import { ContractError, refuse } from '../../../shared/contract';
import type { Warehouse, WarehouseDock } from '../../store';
import type { FeedbackDraft } from '../feedback';
import {
  handoverDraft,
  refuseUnknownCarrier,
  type Batch,
  type DailyRow,
  type Dock,
  type HandoverScan,
  type ShelfRow,
} from './dock';
import type { ManifestSheet } from '../../labels';
import { readManifest, writeManifest, type ClosedBatch } from './manifest';

export interface WarehouseDockDeps {
  /** A call to the warehouse; an unreachable one is refused in words. */
  reach: <T>(fn: (w: Warehouse) => Promise<T>) => Promise<T>;
  bench: string;
  manifestDir: string;
  now: () => Date;
  /** The carriers this bench books with; a batch may also be opened for any carrier with boxes on the shelf. */
  carriers: readonly string[];
  /** Tells the result of a load when the warehouse answers (colour, sound, words). */
  tell: (d: FeedbackDraft, code: string) => void;
  /** A load that failed for a reason other than the network. */
  failed: (code: string, err: unknown) => void;
  /** Prints the closed batch's manifest on the bench's printer. */
  print?: (sheet: ManifestSheet) => Promise<unknown>;
}

/**
 * 交接 at a warehouse's shared dock: any bench (or the lead's PC) loads the boxes every bench packed; a box goes on one
 * batch, warehouse-wide. The batches live in PostgreSQL, so a bench that cannot reach it says so and loads nothing.
 */
export class WarehouseHandovers implements Dock {
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly d: WarehouseDockDeps) {}

  private on<T>(fn: (dock: WarehouseDock) => Promise<T>): Promise<T> {
    return this.d.reach((w) => fn(w.dock));
  }

  async open(carrier: string, by: string | null): Promise<number> {
    const bench = this.d.bench;
    return this.on(async (dock) => {
      const open = await dock.openAt(bench);
      if (open?.carrier === carrier) return open.id;
      if (open) throw refuse('batch-open', { batch: open.id, carrier: open.carrier, wanted: carrier });
      const known = [...new Set([...this.d.carriers, ...(await dock.shelf()).map((s) => s.carrier)])];
      const unknown = refuseUnknownCarrier(carrier, known);
      if (unknown) throw unknown;
      return dock.open(carrier, bench, by);
    });
  }

  current(): Promise<Batch | null> {
    return this.on(async (dock) => {
      const h = await dock.openAt(this.d.bench);
      return h ? { ...h, lines: await dock.lines(h.id), missing: await dock.missing(h.id) } : null;
    });
  }

  /** Loads a box by its label onto this dock's open batch: one statement decides, two docks at once load it once. */
  scan(code: string): Promise<HandoverScan> {
    return this.on(async (dock) => {
      const batch = await dock.openAt(this.d.bench);
      if (!batch) throw refuse('batch-none');
      const s = await dock.find(code.trim());
      if (!s) return { result: 'unlabelled', code };
      if (s.carrier !== batch.carrier) return { result: 'other-carrier', carrier: s.carrier };
      if (!s.closed) return { result: 'not-closed', orderNo: s.orderNo };
      if (s.batchId !== null) return { result: 'duplicate', batchId: s.batchId };
      const on = await dock.load(batch.id, code.trim(), this.d.bench);
      if (on !== null) return { result: 'duplicate', batchId: on };
      const lines = await dock.lines(batch.id);
      const left = (await dock.missing(batch.id)).filter((m) => m.orderNo === s.orderNo).length;
      return {
        result: 'added',
        line: lines.find((l) => l.waybillNo === code.trim())!,
        count: lines.length,
        left,
      };
    });
  }

  /**
   * A scan routed to the dock: said at once as being loaded, then the warehouse's answer. Scans are loaded in the
   * order they came, one after another, so a courier's quick scans each get their own answer.
   */
  load(code: string): FeedbackDraft {
    this.loading = this.loading.then(async () => {
      try {
        this.d.tell(handoverDraft(await this.scan(code)), code);
      } catch (err) {
        if (err instanceof ContractError && err.reason?.kind === 'batch-none')
          this.d.tell({ tone: 'wrong', kind: 'handover-no-batch', params: {} }, code);
        else if (err instanceof ContractError && err.reason?.kind === 'warehouse-unreachable')
          this.d.tell({ tone: 'wrong', kind: 'handover-offline', params: { code } }, code);
        else this.d.failed(code, err);
      }
    });
    return { tone: 'info', kind: 'handover-loading', params: { code } };
  }

  /** Waits for the loads on their way (the bench is closing). */
  settled(): Promise<void> {
    return this.loading;
  }

  async close(by: string | null): Promise<ClosedBatch> {
    const batch = await this.current();
    if (!batch) throw refuse('batch-none-to-close');
    if (batch.lines.length === 0) throw refuse('batch-empty', { batch: batch.id, carrier: batch.carrier });
    const at = await this.on((dock) => dock.close(batch.id, by));
    return writeManifest(this.d.manifestDir, batch, this.d.bench, at, by, this.d.print);
  }

  daily(from: string, to: string): Promise<DailyRow[]> {
    return this.on((dock) => dock.daily(from, to));
  }

  shelf(): Promise<ShelfRow[]> {
    return this.on((dock) => dock.shelf());
  }

  manifest(id: number) {
    return readManifest(this.d.manifestDir, id);
  }
}
