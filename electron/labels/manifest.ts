import { DotPen } from './dots';
import { labelDots, type Dpi, type LabelSize } from './model';
import type { Raster } from './raster';

/** A closed handover batch as the label-size manifest prints it. */
export interface ManifestSheet {
  id: number;
  carrier: string;
  station: string;
  closedAt: string;
  by: string | null;
  lines: { waybillNo: string; orderNo: string; weightG: number | null }[];
}

const PER_PAGE = 20;

/**
 * The courier's manifest on the bench's label printer, one label per 20 boxes: the batch, its count and weight on
 * every label, the waybills, and a signature line on the last. Text is drawn as glyph outlines like the face sheet's,
 * so what an order says is only ever pixels.
 */
export function manifestLabels(m: ManifestSheet, size: LabelSize, dpi: Dpi): Raster[] {
  const { width: W, height: H } = labelDots(size, dpi);
  const d = (mm: number) => Math.round((mm * dpi) / 25.4);
  const pages = Math.max(1, Math.ceil(m.lines.length / PER_PAGE));
  const totalKg = (m.lines.reduce((g, l) => g + (l.weightG ?? 0), 0) / 1000).toFixed(2);
  const out: Raster[] = [];
  for (let p = 0; p < pages; p++) {
    const pen = new DotPen(W, H);
    const text = pen.text.bind(pen);
    const pad = d(4);
    text(pad, d(9), d(6), `交接清单 #${m.id}`, true);
    text(W - pad, d(9), d(5), `${p + 1}/${pages}`, true, 'end');
    text(pad, d(17), d(4.5), `${m.carrier} · ${m.lines.length} 箱 · ${totalKg} 千克`, true);
    text(pad, d(23), d(3.5), `${m.station} · ${m.closedAt}${m.by ? ` · ${m.by}` : ''}`);
    pen.rect(0, d(25), W, 3);
    let y = d(31);
    m.lines.slice(p * PER_PAGE, (p + 1) * PER_PAGE).forEach((l, i) => {
      text(pad, y, d(3.6), `${p * PER_PAGE + i + 1}. ${l.waybillNo}`);
      text(d(52), y, d(3.6), l.orderNo);
      text(W - pad, y, d(3.6), l.weightG === null ? '' : `${l.weightG} 克`, false, 'end');
      y += d(5.2);
    });
    if (p === pages - 1) text(pad, H - d(6), d(4.5), '快递员签收 ______________  日期 ________', true);
    out.push(pen.raster);
  }
  return out;
}
