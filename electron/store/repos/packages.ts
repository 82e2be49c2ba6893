import type { Database } from 'better-sqlite3';
import type { PackageType } from '../../../shared/weight';

interface PackageRow {
  code: string;
  name: string;
  tare_g: number;
  inner_length_mm: number | null;
  inner_width_mm: number | null;
  inner_height_mm: number | null;
}

const toType = (r: PackageRow): PackageType => ({
  code: r.code,
  name: r.name,
  tareG: r.tare_g,
  inner:
    r.inner_length_mm && r.inner_width_mm && r.inner_height_mm
      ? [r.inner_length_mm, r.inner_width_mm, r.inner_height_mm]
      : null,
});

/** Box types: what a packer scans or taps to say which box the order went into. */
export class PackagesRepo {
  constructor(private readonly db: Database) {}

  byCode(code: string): PackageType | null {
    const row = this.db.prepare('SELECT * FROM packages WHERE code = ?').get(code) as PackageRow | undefined;
    return row ? toType(row) : null;
  }

  list(): PackageType[] {
    return (this.db.prepare('SELECT * FROM packages ORDER BY tare_g').all() as PackageRow[]).map(toType);
  }

  /** Box types as the warehouse has them: added, or brought up to date by code. */
  upsert(list: PackageType[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO packages (code, name, tare_g, inner_length_mm, inner_width_mm, inner_height_mm) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, tare_g = excluded.tare_g,
         inner_length_mm = excluded.inner_length_mm, inner_width_mm = excluded.inner_width_mm,
         inner_height_mm = excluded.inner_height_mm`,
    );
    this.db.transaction(() => {
      for (const p of list)
        stmt.run(p.code, p.name, p.tareG, p.inner?.[0] ?? null, p.inner?.[1] ?? null, p.inner?.[2] ?? null);
    })();
  }

  add(p: PackageType): void {
    this.db
      .prepare(
        'INSERT INTO packages (code, name, tare_g, inner_length_mm, inner_width_mm, inner_height_mm) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(p.code, p.name, p.tareG, p.inner?.[0] ?? null, p.inner?.[1] ?? null, p.inner?.[2] ?? null);
  }
}
