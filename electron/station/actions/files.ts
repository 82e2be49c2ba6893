import { refuse, type ImportReport } from '../../../shared/contract';
import { ImportError, importFile } from '../../intake';
import { mismatchesCsv, mismatchesXlsx } from '../../reports';
import type { Bench } from '../bench';

/** An import file, inline or uploaded before. */
export function importUpload(
  b: Bench,
  p: { kind: 'orders' | 'products'; fileName: string } & ({ uploadId: string } | { contentBase64: string }),
): Promise<ImportReport> {
  const bytes = 'uploadId' in p ? b.uploads.take(p.uploadId) : Buffer.from(p.contentBase64, 'base64');
  if (!bytes) throw refuse('upload-missing', { upload: 'uploadId' in p ? p.uploadId : '' });
  return importFile(b.repos, p.kind, p.fileName, bytes, b.now()).catch((err: unknown) => {
    if (!(err instanceof ImportError)) throw err;
    throw err.missing.length > 0
      ? refuse('import-missing-columns', { file: p.fileName, columns: err.missing.join(', ') })
      : refuse('import-unreadable', { file: p.fileName, detail: err.message });
  });
}

/** Every mismatch the filter selects, as CSV or XLSX. */
export async function exportMismatches(
  b: Bench,
  { format, ...filter }: Parameters<Bench['review']['rows']>[0] & { format: 'csv' | 'xlsx' },
) {
  const bytes = b.review.exportFile
    ? await b.review.exportFile(format, filter)
    : format === 'xlsx'
      ? await mismatchesXlsx(b.review.rows(filter))
      : await mismatchesCsv(b.review.rows(filter));
  return {
    fileName: `mismatches-${b.now().toISOString().slice(0, 10)}.${format}`,
    contentBase64: bytes.toString('base64'),
  };
}
