import Sqlite, { type Database } from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertKnownVersion, migrate } from './migrate';
import { migrations } from './migrations';
import { createRepos, MismatchesRepo, type Repos } from './repos';
import { withStatementCache } from './statements';
import { Archives } from './archive';

export class CorruptDatabaseError extends Error {
  constructor(file: string, cause: string) {
    super(
      `${file} is not a readable Packbench database (${cause}). Nothing was changed. ` +
        `Restore a copy made with "packbench db backup FILE", or move this file away to start empty.`,
    );
    this.name = 'CorruptDatabaseError';
  }
}

/**
 * How much of the file is read to check it before use: `full` reads every page (PRAGMA quick_check), `header` only the
 * schema. `auto` (the default) reads everything only after an unclean shutdown — a write-ahead log left behind — so a
 * year of data does not slow every start, and a crash is still caught before a bench packs on a torn file.
 */
export type IntegrityCheck = 'auto' | 'full' | 'header';

export interface Store {
  /** Which check ran when the file was opened. */
  integrity: 'full' | 'header';
  db: Database;
  /** Every read and write of the bench's data goes through these. */
  repos: Repos;
  /** The monthly archive files beside the database (retention). */
  archives: Archives;
  file: string;
  schemaVersion: number;
  close(): void;
}

/**
 * Opens the bench's database and brings its schema up to date. A file that is not SQLite, or fails its quick check,
 * is refused with its name — never silently re-created, since it may be the only record of what shipped.
 */
export function openStore(file: string, o: { integrity?: IntegrityCheck } = {}): Store {
  mkdirSync(dirname(file), { recursive: true });
  const uncleanShutdown = (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
  const integrity =
    o.integrity === 'full' || (o.integrity !== 'header' && uncleanShutdown) ? 'full' : 'header';
  const raw = new Sqlite(file);
  const db = withStatementCache(raw);
  try {
    try {
      if (integrity === 'full') {
        const check = db.pragma('quick_check(1)', { simple: true });
        if (check !== 'ok') throw new CorruptDatabaseError(file, `quick_check: ${String(check)}`);
      } else db.pragma('schema_version');
    } catch (err) {
      if (err instanceof CorruptDatabaseError) throw err;
      throw new CorruptDatabaseError(file, (err as Error).message);
    }
    assertKnownVersion(db, file, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    // Foreign keys switch on after the migrations: SQLite's table-rebuild procedure needs them off meanwhile.
    db.pragma('foreign_keys = OFF');
    const { to } = migrate(db, file, migrations);
    db.pragma('foreign_keys = ON');
    return {
      integrity,
      db,
      repos: createRepos(db),
      archives: new Archives(db, file),
      file,
      schemaVersion: to,
      close: () => raw.open && raw.close(),
    };
  } catch (err) {
    raw.close();
    throw err;
  }
}

/**
 * SQLite's online backup, consistent while a bench keeps working on the same file. The source is opened read-only and
 * not migrated, so even a database from a newer Packbench can be saved.
 */
export async function backupFile(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  const db = new Sqlite(source, { readonly: true, fileMustExist: true });
  try {
    try {
      db.pragma('schema_version');
    } catch (err) {
      throw new CorruptDatabaseError(source, (err as Error).message);
    }
    mkdirSync(dirname(target), { recursive: true });
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/** A second, read-only connection to the bench's file: the lead's reports read here, never on the scan path's. */
export interface Reader {
  mismatches: MismatchesRepo;
  close(): void;
}

/**
 * Opens the read-only connection reports use. In WAL mode it reads a consistent snapshot while the station writes,
 * and a report stepped through its rows leaves the station's own connection free between steps.
 */
export function openReader(file: string): Reader {
  const raw = new Sqlite(file, { readonly: true, fileMustExist: true });
  raw.pragma('busy_timeout = 5000');
  return { mismatches: new MismatchesRepo(withStatementCache(raw)), close: () => raw.open && raw.close() };
}
