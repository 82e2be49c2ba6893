import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { resourcesDir } from '../resources';

/** The subset as pdf-lib 1.17 reads it: a stream of bytes (fontkit 2 encodes in one go). */
interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => EventEmitter;
}

interface Font {
  createSubset(): Subset;
}

/**
 * fontkit 2 in the shape pdf-lib expects. pdf-lib's own fork (@pdf-lib/fontkit 1.1) writes TrueType subsets with a
 * broken short `loca` table: the bundled Noto Sans SC then rendered most words of a manifest with no ink while the
 * text was still there to copy. Upstream fontkit fixed that in 1.8; only the subset's stream API changed since.
 */
async function fontkitForPdfLib(): Promise<Parameters<PDFDocument['registerFontkit']>[0]> {
  const fontkit = (await import('fontkit')) as unknown as { create(b: Buffer): Font };
  return {
    create(bytes) {
      const font = fontkit.create(Buffer.from(bytes));
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        subset.encodeStream = () => {
          const out = new EventEmitter();
          // Emitted after pdf-lib has attached its listeners.
          setImmediate(() => {
            try {
              out.emit('data', subset.encode());
              out.emit('end');
            } catch (err) {
              out.emit('error', err);
            }
          });
          return out;
        };
        return subset;
      };
      return font as never;
    },
  };
}

export type FontWeight = 'regular' | 'bold';

/** The bundled CJK font embedded in a PDF, subset to the glyphs the document uses (names and addresses are Chinese). */
export async function embedCjkFont(doc: PDFDocument, weight: FontWeight): Promise<PDFFont> {
  doc.registerFontkit(await fontkitForPdfLib());
  const file = weight === 'bold' ? 'NotoSansSC-Bold.ttf' : 'NotoSansSC-Regular.ttf';
  return doc.embedFont(readFileSync(join(resourcesDir(), 'fonts', file)), { subset: true });
}
