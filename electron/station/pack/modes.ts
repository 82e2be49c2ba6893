import { randomUUID } from 'node:crypto';
import type { PackMode } from '../../../shared/scan';
import type { Wave } from '../../store';
import { draft, type FeedbackDraft } from '../feedback';
import type { PackContext } from './context';

/** Where a bench's switched mode is kept: a scan of PB:MODE:… outlives a restart; the config gives the first one. */
const MODE_KEY = 'pack.mode';

/**
 * The bench's packing mode (order-first or item-first, 单件扫描) and, item-first, the wave its item scans fill: the
 * configured filter plus the pick list or tote scanned last.
 */
export class PackModes {
  private current: PackMode;
  private scope: string | null = null;

  constructor(private readonly ctx: PackContext) {
    this.current = ctx.repos.settings.get<PackMode>(MODE_KEY) ?? ctx.config.pack.mode;
  }

  get mode(): PackMode {
    return this.current;
  }

  get view(): { mode: PackMode; wave: string | null } {
    return { mode: this.current, wave: this.scope };
  }

  /** A mode barcode scanned: kept, logged with who scanned it; a wave of the other mode ends. */
  set(mode: PackMode): FeedbackDraft {
    this.ctx.repos.settings.set(MODE_KEY, mode);
    this.scope = null;
    this.ctx.log?.info(
      `packing mode ${mode}, set by ${this.ctx.packer() ?? 'nobody'} at ${this.ctx.stationId}`,
    );
    this.current = mode;
    return draft('info', 'mode-set', { mode });
  }

  /** Item-first: a pick list or tote scanned; the next items fill only its orders. */
  setWave(code: string): FeedbackDraft {
    this.scope = code;
    return draft('info', 'wave-set', { code });
  }

  endWave(): void {
    this.scope = null;
  }

  /** Which orders an item fills now. */
  wave(): Wave {
    return { ...this.ctx.config.pack.itemFirst.filter, scope: this.scope };
  }

  /**
   * No single-item order waits for the item: the packer is told in red, and the lead finds it in the mismatch log as
   * `no-order` (a mis-pick or an over-pick). There is no box: the row names a session of its own.
   */
  noOrder(item: { sku: string; name: string }, code: string): FeedbackDraft {
    const { repos, stationId } = this.ctx;
    repos.mismatches.add({
      session_id: `no-order:${randomUUID()}`,
      seq: 1,
      type: 'no-order',
      order_no: '',
      sku: item.sku,
      code,
      expected: null,
      actual: null,
      packer: this.ctx.packer(),
      station_id: stationId,
      at: this.ctx.now().toISOString(),
    });
    return draft('wrong', 'no-single-order', { sku: item.sku, name: item.name, wave: this.scope ?? '' });
  }
}
