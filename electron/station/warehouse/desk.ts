import type { Feedback, Tone } from '../../../shared/contract';
import type { ScanEvent } from '../../devices/scanner';
import type { Log } from '../../log';
import type { Repos } from '../../store';
import type { FeedbackDraft } from '../feedback';
import { itemCodes, type PackWorkflow } from '../pack';
import { claimFeedback } from './claim';
import type { WarehouseLink } from './link';

/** What the claim desk needs from the bench: its box, how it tells the packer, and where effects run. */
export interface DeskBench {
  link: WarehouseLink;
  pack: PackWorkflow;
  repos: Repos;
  log: Log;
  now: () => Date;
  allowNew: boolean;
  packer: () => string | null;
  tell: (d: FeedbackDraft, code: string | null) => Feedback;
  beep: (scanner: string, tone: Tone) => void;
  drain: () => void;
}

/** The bench's side of the warehouse: claims before a box opens, and intercepts that stop one. */
export class ClaimDesk {
  private claiming: Promise<void> | null = null;

  constructor(private readonly b: DeskBench) {}

  /** Claims the order a scan names; the answer is told when the warehouse gives it (or says it is away). */
  claim(scan: ScanEvent): FeedbackDraft {
    const b = this.b;
    if (this.claiming) return { tone: 'warn', kind: 'order-claiming', params: { code: scan.code } };
    this.claiming = this.answer(scan)
      .then((draft) => {
        b.beep(scan.scanner, b.tell(draft, scan.code).tone);
        b.drain();
      })
      .catch((err: unknown) => {
        b.log.error(`claiming ${scan.code}`, err);
        b.tell({ tone: 'wrong', kind: 'warehouse-offline', params: { code: scan.code } }, scan.code);
      })
      .finally(() => (this.claiming = null));
    return { tone: 'info', kind: 'order-claiming', params: { code: scan.code } };
  }

  private async answer(scan: ScanEvent): Promise<FeedbackDraft> {
    const b = this.b;
    const itemFirst = b.pack.modes.mode === 'item-first';
    if (itemFirst && (await b.link.waveHasSingles(scan.code))) return b.pack.modes.setWave(scan.code);
    const r = await b.link.claim(scan.code, b.packer());
    // Item-first, a code that names no order is an item: it claims the single-item order it fills.
    if (itemFirst && r.result === 'unknown') return this.claimByItem(scan);
    return claimFeedback(r, scan.code, {
      open: (orderNo) => b.pack.open(orderNo),
      heldHere: (code) => b.pack.resumableHere(code),
      allowNew: b.allowNew,
    });
  }

  private async claimByItem(scan: ScanEvent): Promise<FeedbackDraft> {
    const b = this.b;
    const reading = b.pack.read(scan);
    const r = await b.link.claimSingle(itemCodes(reading), b.packer(), b.pack.modes.wave());
    switch (r.result) {
      case 'claimed':
        return b.pack.openWithItem(r.orderNo, reading);
      case 'no-order':
        return b.pack.modes.noOrder(r, scan.code);
      case 'unknown':
        return { tone: 'unknown', kind: 'unknown-barcode', params: { code: scan.code } };
      case 'offline':
        // `offline: allow-new`: the orders this bench has cached, checked when the warehouse is back (as order-first).
        return b.allowNew
          ? b.pack.fillByItem(reading)
          : { tone: 'wrong', kind: 'warehouse-offline', params: { code: scan.code } };
    }
  }

  /** Waits for a claim on its way (the bench is closing). */
  settled(): Promise<void> {
    return this.claiming ?? Promise.resolve();
  }
}
