import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { refuse } from '../../../shared/contract';
import { join } from 'node:path';
import { embedCjkFont, type ManifestSheet } from '../../labels';
import { carrierDisplayName, localStamp } from '../../../shared/words';
import type { HandoverLine } from '../../store';

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

/** The courier's manifest of a closed batch, as PDF and CSV (waybill no., order no., weight, count) in `dir`. */
export async function writeManifest(
  dir: string,
  batch: { id: number; carrier: string; lines: HandoverLine[] },
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
  const totalG = batch.lines.reduce((g, l) => g + (l.weightG ?? 0), 0);
  const csv =
    [
      'waybill_no,order_no,weight_g,scanned_at',
      ...batch.lines.map((l) => `${l.waybillNo},${l.orderNo},${l.weightG ?? ''},${localStamp(l.scannedAt)}`),
      `TOTAL ${batch.lines.length} boxes,,${totalG},`,
    ].join('\r\n') + '\r\n';
  writeFileSync(`${base}.csv`, '\uFEFF' + csv);
  writeFileSync(
    `${base}.pdf`,
    await manifestPdf(batch.id, batch.carrier, station, batch.lines, totalG, at, by),
  );
  // The courier's copy on the bench's label printer too; a printer problem never undoes a closed batch.
  await print?.({
    id: batch.id,
    carrier: carrierDisplayName(batch.carrier, 'zh-CN'),
    station,
    closedAt: localStamp(at).slice(0, 16),
    by,
    lines: batch.lines,
  }).catch(() => undefined);
  return {
    id: batch.id,
    carrier: batch.carrier,
    count: batch.lines.length,
    pdf: `${base}.pdf`,
    csv: `${base}.csv`,
  };
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
      `工作台 bench ${station}   结束 closed ${localStamp(at).slice(0, 16)} ${localStamp(at).slice(20)}   ${by ?? '-'}   ${lines.length} 箱 boxes, ${(totalG / 1000).toFixed(2)} kg`,
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
