import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { resourcesDir } from '../../resources';
import { ContractError } from '../../../shared/contract';
import type { HandoverLine, Repos } from '../../store';
import type { FeedbackDraft } from '../feedback';

export type { HandoverLine };

export type HandoverScan =
  | { result: 'added'; line: HandoverLine; count: number }
  | { result: 'other-carrier'; carrier: string }
  | { result: 'unlabelled'; code: string }
  | { result: 'not-closed'; orderNo: string }
  | { result: 'duplicate'; batchId: number };

/**
 * 交接: boxes scanned onto a carrier's batch as they are loaded; closing the batch writes the manifest (PDF and CSV:
 * waybill no., order no., weight, count) and the day's counts per carrier stay queryable from the archive.
 */
export class Handovers {
  constructor(
    private readonly repos: Pick<Repos, 'handovers'>,
    private readonly stationId: string,
    private readonly manifestDir: string,
    private readonly now: () => Date,
    /** The carriers this bench books with: a batch for any other name could never be loaded. */
    private readonly carriers: readonly string[],
  ) {}

  /**
   * One open batch per bench at a time: the one being loaded. Opening it again for the same carrier returns it;
   * another carrier waits until it is closed, so no batch is left open and unreachable.
   */
  open(carrier: string, by: string | null): number {
    if (!this.carriers.includes(carrier))
      throw new ContractError(
        'refused',
        `carrier ${carrier} is not set up at this bench (it has: ${this.carriers.join(', ')})`,
      );
    const open = this.repos.handovers.openAt(this.stationId);
    if (open?.carrier === carrier) return open.id;
    if (open)
      throw new ContractError(
        'refused',
        `batch ${open.id} for ${open.carrier} is still open: close it before opening one for ${carrier}`,
      );
    return this.repos.handovers.open(carrier, this.stationId, by, this.now().toISOString());
  }

  current(): { id: number; carrier: string; lines: HandoverLine[] } | null {
    const h = this.repos.handovers.openAt(this.stationId);
    return h ? { ...h, lines: this.lines(h.id) } : null;
  }

  lines(id: number): HandoverLine[] {
    return this.repos.handovers.lines(id);
  }

  /** Scan-to-load: only closed boxes with a label of this batch's carrier go on it; anything else is said plainly. */
  scan(code: string): HandoverScan {
    const batch = this.current();
    if (!batch) throw new ContractError('refused', 'no handover batch is open: open one for a carrier first');
    const s = this.repos.handovers.loadable(code.trim());
    if (!s) return { result: 'unlabelled', code };
    if (s.carrier !== batch.carrier) return { result: 'other-carrier', carrier: s.carrier };
    if (s.session_status !== 'closed') return { result: 'not-closed', orderNo: s.order_no };
    const on = this.repos.handovers.batchOf(s.id);
    if (on) return { result: 'duplicate', batchId: on };
    this.repos.handovers.load(batch.id, s.id, this.now().toISOString());
    const lines = this.lines(batch.id);
    return { result: 'added', line: lines.find((l) => l.waybillNo === s.waybill_no)!, count: lines.length };
  }

  /** A scan routed to the loading dock: what happened, as the bench says it (colour, sound, words). */
  load(code: string): FeedbackDraft {
    if (!this.current()) return { tone: 'wrong', kind: 'handover-no-batch', params: {} };
    const r = this.scan(code);
    switch (r.result) {
      case 'added':
        return { tone: 'ok', kind: 'handover-added', params: { waybill: r.line.waybillNo, count: r.count } };
      case 'other-carrier':
        return { tone: 'wrong', kind: 'handover-other-carrier', params: { carrier: r.carrier } };
      case 'unlabelled':
        return { tone: 'unknown', kind: 'handover-unlabelled', params: { code: r.code } };
      case 'not-closed':
        return { tone: 'wrong', kind: 'handover-not-closed', params: { orderNo: r.orderNo } };
      case 'duplicate':
        return { tone: 'warn', kind: 'handover-duplicate', params: { batch: r.batchId } };
    }
  }

  /** Closes the open batch and writes its manifest; returns the files. */
  async close(
    by: string | null,
  ): Promise<{ id: number; carrier: string; count: number; pdf: string; csv: string }> {
    const batch = this.current();
    if (!batch) throw new ContractError('refused', 'no handover batch is open: nothing to close');
    if (batch.lines.length === 0)
      throw new ContractError(
        'refused',
        `batch ${batch.id} for ${batch.carrier} is empty: scan boxes onto it first`,
      );
    const at = this.now();
    this.repos.handovers.close(batch.id, by, at.toISOString());
    mkdirSync(this.manifestDir, { recursive: true });
    const base = join(
      this.manifestDir,
      `handover-${batch.id}-${batch.carrier.replace(/[^\w-]/g, '_')}-${at.toISOString().slice(0, 10)}`,
    );
    const totalG = batch.lines.reduce((g, l) => g + (l.weightG ?? 0), 0);
    const csv =
      [
        'waybill_no,order_no,weight_g,scanned_at',
        ...batch.lines.map((l) => `${l.waybillNo},${l.orderNo},${l.weightG ?? ''},${l.scannedAt}`),
        `TOTAL ${batch.lines.length} boxes,,${totalG},`,
      ].join('\r\n') + '\r\n';
    writeFileSync(`${base}.csv`, '\uFEFF' + csv);
    writeFileSync(
      `${base}.pdf`,
      await manifestPdf(batch.id, batch.carrier, this.stationId, batch.lines, totalG, at, by),
    );
    return {
      id: batch.id,
      carrier: batch.carrier,
      count: batch.lines.length,
      pdf: `${base}.pdf`,
      csv: `${base}.csv`,
    };
  }

  /** Boxes handed over per day and carrier (记录所发运面单数量，汇总存档). */
  daily(from: string, to: string): { day: string; carrier: string; boxes: number; weightG: number }[] {
    return this.repos.handovers.daily(from, to);
  }
}

async function manifestPdf(
  id: number,
  carrier: string,
  station: string,
  lines: HandoverLine[],
  totalG: number,
  at: Date,
  by: string | null,
): Promise<Buffer> {
  // Loaded when a manifest is written, not at every start (~150 ms together).
  const [{ PDFDocument }, { default: fontkit }] = await Promise.all([
    import('pdf-lib'),
    import('@pdf-lib/fontkit'),
  ]);
  const doc = await PDFDocument.create();
  // The bundled CJK font, subset to what the page uses: names and addresses are Chinese.
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(resourcesDir(), 'fonts', 'NotoSansSC-Regular.ttf')), {
    subset: true,
  });
  const bold = await doc.embedFont(readFileSync(join(resourcesDir(), 'fonts', 'NotoSansSC-Bold.ttf')), {
    subset: true,
  });
  const perPage = 40;
  for (let start = 0; start < lines.length; start += perPage) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    page.drawText(`交接清单 Handover manifest #${id} · ${carrier}`, { x: 40, y, size: 14, font: bold });
    y -= 18;
    page.drawText(
      `bench ${station}   closed ${at.toISOString().replace('T', ' ').slice(0, 16)} UTC   by ${by ?? '-'}   ${lines.length} boxes, ${(totalG / 1000).toFixed(2)} kg`,
      { x: 40, y, size: 9, font },
    );
    y -= 24;
    for (const [x, h] of [
      [40, '#'],
      [70, '运单号 Waybill no.'],
      [230, '订单号 Order no.'],
      [390, '重量 Weight (g)'],
    ] as const)
      page.drawText(h, { x, y, size: 10, font: bold });
    y -= 16;
    lines.slice(start, start + perPage).forEach((l, i) => {
      for (const [x, t] of [
        [40, String(start + i + 1)],
        [70, l.waybillNo],
        [230, l.orderNo],
        [390, String(l.weightG ?? '')],
      ] as const)
        page.drawText(t, { x, y, size: 10, font });
      y -= 17;
    });
    if (start + perPage >= lines.length)
      page.drawText('快递员签收 Received by ____________________     签名 Signature ____________________', {
        x: 40,
        y: Math.min(y - 20, 80),
        size: 10,
        font,
      });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
