import { ContractError, type ImportReport } from '../../../shared/contract';
import { importFile } from '../../intake';
import { mismatchesCsv, mismatchesXlsx } from '../../reports';
import type { Bench } from '../bench';

/** An import file, inline or uploaded before. */
export function importUpload(
  b: Bench,
  p: { kind: 'orders' | 'products'; fileName: string } & ({ uploadId: string } | { contentBase64: string }),
): Promise<ImportReport> {
  const bytes = 'uploadId' in p ? b.uploads.take(p.uploadId) : Buffer.from(p.contentBase64, 'base64');
  if (!bytes)
    throw new ContractError('refused', `no upload ${'uploadId' in p ? p.uploadId : ''}: send the file again`);
  return importFile(b.repos, p.kind, p.fileName, bytes, b.now());
}

/** Every mismatch the filter selects, as CSV or XLSX. */
export async function exportMismatches(
  b: Bench,
  { format, ...filter }: Parameters<Bench['review']['all']>[0] & { format: 'csv' | 'xlsx' },
) {
  const rows = await b.review.all(filter);
  const bytes = format === 'xlsx' ? await mismatchesXlsx(rows) : mismatchesCsv(rows);
  return {
    fileName: `mismatches-${b.now().toISOString().slice(0, 10)}.${format}`,
    contentBase64: bytes.toString('base64'),
  };
}
