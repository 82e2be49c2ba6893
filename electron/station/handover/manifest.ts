import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { refuse } from '../../../shared/contract';
import { join } from 'node:path';
import { embedCjkFont, type ManifestSheet } from '../../labels';
import { carrierDisplayName, localStamp } from '../../../shared/words';
import type { HandoverLine, MissingCarton } from '../../store';

/** A manifest line: a carton, with which of its order's cartons it is (one carton: absent or 1 of 1). */
type ManifestLine = Omit<HandoverLine, 'carton' | 'cartons'> &
  Partial<Pick<HandoverLine, 'carton' | 'cartons'>>;

/** Cartons under their order: an order in several cartons reads as one block, its cartons in order. */
const underOrder = (lines: ManifestLine[]): ManifestLine[] =>
  [...lines].sort((a, b) =>
    (a.cartons ?? 1) > 1 || (b.cartons ?? 1) > 1
      ? a.orderNo === b.orderNo
        ? (a.carton ?? 1) - (b.carton ?? 1)
        : firstScan(lines, a.orderNo).localeCompare(firstScan(lines, b.orderNo))
      : a.scannedAt.localeCompare(b.scannedAt),
  );
const firstScan = (lines: ManifestLine[], orderNo: string) =>
  lines
    .filter((l) => l.orderNo === orderNo)
    .map((l) => l.scannedAt)
    .sort()[0]!;
/** "SO1 (1/2)" for a carton of several, the order no. alone for one carton. */
const orderCell = (l: ManifestLine) =>
  (l.cartons ?? 1) > 1 ? `${l.orderNo} (${l.carton ?? 1}/${l.cartons})` : l.orderNo;

export interface ClosedBatch {
  id: number;
  carrier: string;
  count: number;
  pdf: string;
  csv: string;
}

/** A closed batch's manifest PDF, to open or print from the screen. */
export function readManifest(dir: string, id: number): { fileName: string; contentBase64: string } {
  let found: string | undefined;
  try {
    found = readdirSync(dir).find((f) => f.startsWith(`handover-${id}-`) && f.endsWith('.pdf'));
  } catch {
    // no folder yet: no manifest written here
  }
  if (!found) throw refuse('manifest-missing', { batch: id });
  return { fileName: found, contentBase64: readFileSync(join(dir, found)).toString('base64') };
}

/**
 * The courier's manifest of a closed batch, as PDF and CSV (waybill no., order no., weight, count) in `dir`. Cartons
 * of one order are listed together under it; cartons of those orders that were not loaded are listed as missing.
 */
export async function writeManifest(
  dir: string,
  batch: { id: number; carrier: string; lines: ManifestLine[]; missing?: MissingCarton[] },
  station: string,
  at: Date,
  by: string | null,
  print?: (sheet: ManifestSheet) => Promise<unknown>,
): Promise<ClosedBatch> {
  mkdirSync(dir, { recursive: true });
  const base = join(
    dir,
    `handover-${batch.id}-${batch.carrier.replace(/[^\w-]/g, '_')}-${at.toISOString().slice(0, 10)}`,
  );
  const lines = underOrder(batch.lines);
  const missing = batch.missing ?? [];
  const orders = new Set(lines.map((l) => l.orderNo)).size;
  const totalG = lines.reduce((g, l) => g + (l.weightG ?? 0), 0);
  const csv =
    [
      'waybill_no,order_no,weight_g,scanned_at,carton',
      ...lines.map(
        (l) =>
          `${l.waybillNo},${l.orderNo},${l.weightG ?? ''},${localStamp(l.scannedAt)},${l.carton ?? 1}/${l.cartons ?? 1}`,
      ),
      `TOTAL ${lines.length} boxes,${orders} orders,${totalG},,`,
      ...missing.map((m) => `${m.waybillNo},${m.orderNo},MISSING,,${m.carton}/${m.cartons}`),
    ].join('\r\n') + '\r\n';
  writeFileSync(`${base}.csv`, '\uFEFF' + csv);
  writeFileSync(
    `${base}.pdf`,
    await manifestPdf(batch.id, batch.carrier, station, lines, missing, totalG, at, by),
  );
  // The courier's copy on the bench's label printer too; a printer problem never undoes a closed batch.
  await print?.({
    id: batch.id,
    carrier: carrierDisplayName(batch.carrier, 'zh-CN'),
    station,
    closedAt: localStamp(at).slice(0, 16),
    by,
    lines: lines.map((l) => ({ ...l, orderNo: orderCell(l) })),
  }).catch(() => undefined);
  return {
    id: batch.id,
    carrier: batch.carrier,
    count: lines.length,
    pdf: `${base}.pdf`,
    csv: `${base}.csv`,
  };
}

async function manifestPdf(
  id: number,
  carrier: string,
  station: string,
  lines: ManifestLine[],
  missing: MissingCarton[],
  totalG: number,
  at: Date,
  by: string | null,
): Promise<Buffer> {
  // Loaded when a manifest is written, not at every start.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc, 'regular');
  const bold = await embedCjkFont(doc, 'bold');
  const perPage = 40;
  for (let start = 0; start < lines.length; start += perPage) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    page.drawText(`交接清单 Handover manifest #${id} · ${carrier}`, { x: 40, y, size: 14, font: bold });
    y -= 18;
    page.drawText(
      `工作台 bench ${station}   结束 closed ${localStamp(at).slice(0, 16)} ${localStamp(at).slice(20)}   ${by ?? '-'}   ${lines.length} 箱 boxes, ${new Set(lines.map((l) => l.orderNo)).size} 单 orders, ${(totalG / 1000).toFixed(2)} kg`,
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
        [230, orderCell(l)],
        [390, String(l.weightG ?? '')],
      ] as const)
        page.drawText(t, { x, y, size: 10, font });
      y -= 17;
    });
    if (start + perPage >= lines.length && missing.length > 0) {
      y -= 8;
      page.drawText(`未装车 Not loaded (${missing.length}):`, { x: 40, y, size: 10, font: bold });
      for (const m of missing.slice(0, 8)) {
        y -= 15;
        page.drawText(`${m.waybillNo}   ${m.orderNo} (${m.carton}/${m.cartons})`, {
          x: 70,
          y,
          size: 10,
          font,
        });
      }
    }
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
