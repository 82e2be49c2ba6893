import { rasterToPng, type Raster } from '../raster';

/** One page of the label's exact size with the raster on it (office printers, archive). */
export async function pdfJob(r: Raster, size: { widthMm: number; heightMm: number }): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib'); // ~70 ms to load: only when a PDF is made
  const doc = await PDFDocument.create();
  doc.setProducer('Packbench');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const pt = (mm: number) => (mm / 25.4) * 72;
  const page = doc.addPage([pt(size.widthMm), pt(size.heightMm)]);
  const png = await doc.embedPng(rasterToPng(r));
  page.drawImage(png, { x: 0, y: 0, width: pt(size.widthMm), height: pt(size.heightMm) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
