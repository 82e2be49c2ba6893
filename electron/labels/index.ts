import type { Dpi, FaceSheet, LabelSize } from './model';
import type { Raster } from './raster';
import { SAMPLE_SHEET } from './sample';
import { faceSheetDots } from './svg';
import { builtThread, WorkerThread } from '../threads';
import { resourcesDir } from '../resources';
import type { Log } from '../log';
import type { LabelCall } from './thread';

export * from './model';
export { SAMPLE_SHEET } from './sample';
export { faceSheetSvg, wrap, xml } from './svg';
export { renderSvg, toRaster, rasterToPng, pngToRaster, type Raster } from './raster';
export { zplJob, graphicField, decodeGraphicField, zplText, crc16 } from './languages/zpl';
export { tsplJob, tsplText } from './languages/tspl';
export { eplJob } from './languages/epl';
export { escposRasterJob, escposText } from './languages/escpos';
export { pdfJob } from './languages/pdf';

export { encodeLabel, LABEL_FORMATS, type LabelFormat } from './encode';

/** The face sheet as a 1-bit raster at the printer's dpi. */
export function renderFaceSheet(sheet: FaceSheet, size: LabelSize, dpi: Dpi): Raster {
  return faceSheetDots(sheet, size, dpi);
}

/**
 * Opens the fonts and draws the sample sheet once, so the glyphs every label has (digits, Latin, the sheet's fixed
 * words) are in the dot cache and the first real label after a start does not pay ~200 ms for them.
 */
export function warmLabels(size: LabelSize, dpi: Dpi): number {
  const started = performance.now();
  renderFaceSheet(SAMPLE_SHEET, size, dpi);
  return performance.now() - started;
}

export type LabelThread = WorkerThread<LabelCall>;

/** The label thread (face sheets drawn and encoded off the station's thread); null when there is no built thread. */
export function labelThread(log: Log): LabelThread | null {
  const file = builtThread('labelThread');
  return file ? new WorkerThread<LabelCall>('label', file, { resources: resourcesDir() }, log) : null;
}

export { packingSlip, type SlipContent } from './slip';
export { pdfToRaster } from './pdfRaster';
export { embedCjkFont, type FontWeight } from './pdfFont';
export { manifestLabels, type ManifestSheet } from './manifest';
export {
  commercialInvoicePdf,
  customsLabelPdf,
  customsPapers,
  type CustomsPaper,
  type CustomsParty,
  type PaperPrinters,
} from './customsPapers';
