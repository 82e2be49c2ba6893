import { escposRasterJob } from './languages/escpos';
import { eplJob } from './languages/epl';
import { pdfJob } from './languages/pdf';
import { tsplJob } from './languages/tspl';
import { zplJob } from './languages/zpl';
import { LABEL_SIZES, type LabelSize } from './model';
import { rasterToPng, type Raster } from './raster';

export const LABEL_FORMATS = ['png', 'pdf', 'zpl', 'tspl', 'epl', 'escpos'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** The raster in a printer language (or PNG/PDF). Text from the order is only ever pixels here. */
export async function encodeLabel(raster: Raster, format: LabelFormat, size: LabelSize): Promise<Buffer> {
  switch (format) {
    case 'png':
      return rasterToPng(raster);
    case 'pdf':
      return pdfJob(raster, LABEL_SIZES[size]);
    case 'zpl':
      return zplJob(raster);
    case 'tspl':
      return tsplJob(raster, LABEL_SIZES[size]);
    case 'epl':
      return eplJob(raster);
    case 'escpos':
      return escposRasterJob(raster);
  }
}
