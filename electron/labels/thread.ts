import { parentPort, workerData } from 'node:worker_threads';
import { serveThread } from '../threads';
import { customsPapers, encodeLabel, renderFaceSheet, warmLabels, type LabelFormat } from '.';
import type { CustomsPaper, PaperPrinters } from './customsPapers';
import type { Dpi, FaceSheet, LabelSize } from './model';

/**
 * The label thread: a face sheet drawn into the printer's dots and encoded in its language here, so the station's
 * thread goes on with scans and the scale meanwhile. Its fonts and glyph cache are its own, warmed at start.
 */
export type LabelCall =
  | { method: 'faceSheet'; sheet: FaceSheet; size: LabelSize; dpi: Dpi; format: LabelFormat }
  | { method: 'warm'; size: LabelSize; dpi: Dpi }
  /** 跨境: a parcel's CN22/CN23 for the label printer and its commercial invoice (PDF), drawn here too. */
  | { method: 'customsPapers'; paper: CustomsPaper; to: PaperPrinters };

if (parentPort) {
  // The fonts are found where the station found them (an installed app's resources are not beside this file).
  process.env.PACKBENCH_RESOURCES ??= (workerData as { resources: string }).resources;
  serveThread<LabelCall>(parentPort, async (c) =>
    c.method === 'warm'
      ? warmLabels(c.size, c.dpi)
      : c.method === 'customsPapers'
        ? customsPapers(c.paper, c.to)
        : encodeLabel(renderFaceSheet(c.sheet, c.size, c.dpi), c.format, c.size),
  );
}
