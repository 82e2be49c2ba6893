import type { ImportReport } from '../../shared/contract';
import { code, counted, flag, list, optionalInt, RowError } from './fields';
import { pickPreset, PRODUCT_PRESETS, type ProductField } from './presets';
import type { ProductImport, Repos } from '../store';
import type { Written } from './written';
import { newReport, type Table } from './table';

/** A product of the file, with the line it came from. */
interface ProductDraft extends ProductImport {
  line: number;
}

/** Products with their barcodes (several per SKU, case packs with a count) and kit components; all-or-nothing. */
export function importProducts(repos: Repos, table: Table, now: Date, written?: Written): ImportReport {
  const { preset, index } = pickPreset(table.header, PRODUCT_PRESETS);
  const get = (cells: string[], f: ProductField) =>
    index[f] === undefined ? undefined : (cells[index[f]!] ?? '');
  const refused: ImportReport['refused'] = [];
  const warnings: ImportReport['warnings'] = [];
  const drafts = new Map<string, ProductDraft>();
  let rows = 0;

  // Products are kept until the end: a kit may name a component further down the file, and a catalogue is thousands of
  // lines, not the hundred thousand of a day's orders.
  table.each(({ line, cells }) => {
    rows++;
    try {
      const sku = get(cells, 'sku') ?? '';
      const name = get(cells, 'name') ?? '';
      if (!sku) throw new RowError('SKU is empty');
      if (!name) throw new RowError(`product ${sku} has no name`);
      if (drafts.has(sku))
        throw new RowError(`SKU ${sku} appears twice in this file (first at line ${drafts.get(sku)!.line})`);
      const unitWeightG = optionalInt(get(cells, 'unitWeight'), 'unit weight (g)', 100_000);
      if (unitWeightG === null)
        warnings.push({
          line,
          reason: `SKU ${sku} has no unit weight: the weight check will say it cannot check boxes with it`,
        });
      drafts.set(sku, {
        line,
        sku,
        name,
        unitWeightG,
        length: optionalInt(get(cells, 'length'), 'length (mm)', 10_000),
        width: optionalInt(get(cells, 'width'), 'width (mm)', 10_000),
        height: optionalInt(get(cells, 'height'), 'height (mm)', 10_000),
        image: get(cells, 'image') || null,
        category: get(cells, 'category') || null,
        serialRequired: flag(get(cells, 'serialRequired')),
        kitOwnBarcode: flag(get(cells, 'kitOwnBarcode')),
        barcodes: [
          ...list(get(cells, 'barcodes')).map((code) => ({ code, qty: 1 })),
          ...list(get(cells, 'caseBarcodes')).map((c) => counted(c, 'case barcode')),
        ],
        kit: list(get(cells, 'kit')).map((c) => {
          const k = counted(c, 'kit component');
          return { sku: k.code, qty: k.qty };
        }),
        ...customsOf(cells, get),
      });
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      refused.push({ line, reason: err.message });
    }
  });

  // One code, one SKU: within the file and against SKUs already in the database that this file does not replace.
  const owner = new Map<string, ProductDraft>();
  const { catalog } = repos;
  for (const d of drafts.values()) {
    for (const b of d.barcodes) {
      const other = owner.get(b.code);
      if (other && other.sku !== d.sku)
        refused.push({
          line: d.line,
          reason: `barcode ${b.code} is given to both ${other.sku} (line ${other.line}) and ${d.sku}`,
        });
      owner.set(b.code, d);
      const dbSku = catalog.barcodeOwner(b.code);
      if (dbSku && dbSku !== d.sku && !drafts.has(dbSku))
        refused.push({
          line: d.line,
          reason: `barcode ${b.code} already belongs to ${dbSku}; it cannot also be ${d.sku}`,
        });
    }
    for (const c of d.kit)
      if (!drafts.has(c.sku) && !catalog.skuExists(c.sku))
        refused.push({
          line: d.line,
          reason: `kit ${d.sku} names component ${c.sku}, which is not a product`,
        });
  }

  const report = newReport('products', preset.name, table, rows, refused, warnings);
  if (refused.length > 0 || drafts.size === 0) return report;

  const counts = catalog.writeProducts([...drafts.values()], now.toISOString());
  written?.({ products: [...drafts.values()] });
  report.imported += counts.imported;
  report.updated += counts.updated;
  report.committed = true;
  return report;
}

/** A product's customs columns, when the file has any (a file without them leaves what the product had). */
function customsOf(
  cells: string[],
  get: (cells: string[], f: ProductField) => string | undefined,
): Pick<ProductImport, 'customs'> {
  const fields = ['hsCode', 'customsNameEn', 'customsNameZh', 'originCountry', 'dangerousGoods'] as const;
  if (fields.every((f) => get(cells, f) === undefined)) return {};
  const text = (f: ProductField) => get(cells, f)?.trim() || null;
  return {
    customs: {
      // HS codes are written with dots and spaces (8517.62.00): the digits are the code.
      hsCode: code(get(cells, 'hsCode'), /[^0-9A-Z]/g),
      nameEn: text('customsNameEn'),
      nameZh: text('customsNameZh'),
      originCountry: code(get(cells, 'originCountry'), /[^A-Z]/g),
      dangerousGoods: dangerous(get(cells, 'dangerousGoods')),
    },
  };
}

/** A dangerous-goods cell: its UN number (UN3481), or a yes without one; no, 否, 无 or empty is none. */
function dangerous(raw: string | undefined): string | null {
  const v = (raw ?? '').trim();
  if (/^(|0|n|no|false|否|无|非)$/i.test(v)) return null;
  if (/^(1|y|yes|true|是|有)$/i.test(v)) return 'DG';
  return code(v);
}
