import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { toRaster, type Raster } from './raster';

type Library = Awaited<ReturnType<(typeof import('@hyzyla/pdfium'))['PDFiumLibrary']['init']>>;
let library: Promise<Library> | null = null;

/** PDFium as WebAssembly (no native build, same on Windows): loaded once, from node_modules, never a CDN. */
function pdfium(): Promise<Library> {
  return (library ??= (async () => {
    const { PDFiumLibrary } = await import('@hyzyla/pdfium');
    const entry = createRequire(import.meta.url).resolve('@hyzyla/pdfium');
    const wasm = readFileSync(join(dirname(entry), 'pdfium.wasm'));
    return PDFiumLibrary.init({
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    });
  })());
}

/** A carrier's PDF label (first page) rasterised to the printer's dots, for a ZPL/TSPL/EPL/ESC-POS printer. */
export async function pdfToRaster(pdf: Buffer, width: number, height: number): Promise<Raster> {
  const doc = await (await pdfium()).loadDocument(new Uint8Array(pdf));
  try {
    const page = doc.getPage(0);
    const image = await page.render({ width, height, colorSpace: 'Gray', render: 'bitmap' });
    const rgba = new Uint8Array(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      const g = image.data[i]!;
      rgba.set([g, g, g, 255], i * 4);
    }
    return toRaster({ width: image.width, height: image.height, rgba });
  } finally {
    doc.destroy();
  }
}
