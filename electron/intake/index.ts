import type { ImportReport } from '../../shared/contract';
import type { Log } from '../log';
import type { Repos } from '../store';
import type { PackageType } from '../../shared/weight';
import { importOrders } from './orders';
import { importProducts } from './products';
import { readTable, tableOf, TableError } from './table';
import type { Written } from './written';

export type { Written };
import demoOrders from '../../resources/demo/orders.csv?raw';
import demoProducts from '../../resources/demo/products.csv?raw';

export { decodeText } from './decode';
export { readTable, TableError } from './table';
export * from './feed';

export class ImportError extends Error {
  constructor(
    message: string,
    /** The columns no preset found, when that is why the file was refused. */
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Reads a CSV (UTF-8 or GB18030) or XLSX file of orders or products and imports it all-or-nothing. */
export async function importFile(
  repos: Repos,
  kind: 'orders' | 'products',
  fileName: string,
  bytes: Buffer,
  now: Date,
  written?: Written,
): Promise<ImportReport> {
  let table;
  try {
    table = await readTable(fileName, bytes);
  } catch (err) {
    if (err instanceof TableError || err instanceof Error)
      throw new ImportError(`${fileName}: ${err.message}`);
    throw err;
  }
  try {
    return kind === 'orders'
      ? importOrders(repos, table, now, written)
      : importProducts(repos, table, now, written);
  } catch (err) {
    // A CSV is read as it is imported: a fault further down the file arrives here, after the transaction rolled back.
    if (err instanceof TableError) throw new ImportError(`${fileName}: ${err.message}`);
    const missing = err instanceof Error ? /^missing columns: (.*?) \(/.exec(err.message) : null;
    if (missing) throw new ImportError(`${fileName}: ${(err as Error).message}`, missing[1]!.split(', '));
    throw err;
  }
}

export const DEMO_USERS = [
  { name: '张伟', role: 'packer', badge: 'U1001', pin: '1234' },
  { name: 'Amy Chen', role: 'packer', badge: 'U1002', pin: '1234' },
  { name: '李主管', role: 'lead', badge: 'L2001', pin: '2468' },
  { name: 'admin', role: 'admin', badge: 'A9001', pin: '9999' },
] as const;

/** Box types of the demo bench; their codes are printed on the box shelf to be scanned. */
export const DEMO_PACKAGES: PackageType[] = [
  { code: 'BAG-S', name: '快递袋 S / poly bag S', tareG: 15, inner: [250, 180, 40] },
  { code: 'BOX-XS', name: '纸箱 XS', tareG: 90, inner: [180, 120, 80] },
  { code: 'BOX-S', name: '纸箱 S', tareG: 140, inner: [250, 180, 120] },
  { code: 'BOX-M', name: '纸箱 M', tareG: 220, inner: [350, 250, 180] },
  { code: 'BOX-L', name: '纸箱 L', tareG: 350, inner: [450, 350, 300] },
];

/** The embedded default's demo bench: products, orders and users, loaded once into an empty database. */
export function loadDemoData(repos: Repos, log: Log, opts: { pool?: boolean } = {}): void {
  if (!repos.catalog.isEmpty()) return;
  const now = new Date();
  const table = (text: string) => {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    return tableOf(
      lines[0]!.split(','),
      lines.slice(1).map((l, i) => ({ line: i + 2, cells: l.split(',').map((c) => c.trim()) })),
    );
  };
  const products = importProducts(repos, table(demoProducts), now);
  const orders = importOrders(repos, table(demoOrders), now);
  if (!products.committed || !orders.committed)
    throw new Error(`demo data did not import: ${JSON.stringify([...products.refused, ...orders.refused])}`);
  repos.transaction(() => {
    DEMO_USERS.forEach((u) => repos.users.add(u));
    DEMO_PACKAGES.forEach((p) => repos.packages.add(p));
  });
  // The demo bench's offline waybill pool (carrier "demo"): 2 000 numbers.
  // A warehouse bench takes its numbers from the warehouse's pool (leased): its own demo numbers would repeat another's.
  if (opts.pool !== false)
    repos.waybillPool.add(
      'demo',
      Array.from({ length: 2000 }, (_, i) => `PB26${String(1129000001 + i)}`),
      now.toISOString(),
    );
  log.info(
    `demo data loaded: ${products.imported} products, ${orders.imported} orders, ${DEMO_USERS.length} users`,
  );
}
