import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

export class FutureDatabaseError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file} has schema version ${found}, but this Packbench knows versions up to ${known}. ` +
        `It was written by a newer Packbench: install that version (or newer) instead of downgrading.`,
    );
    this.name = 'FutureDatabaseError';
  }
}

/** Applies every pending migration in one transaction: a bench gets all of them or none. */
export function migrate(
  db: Database,
  file: string,
  list: readonly Migration[],
): { from: number; to: number } {
  const from = assertKnownVersion(db, file, list);
  const latest = list.at(-1)?.version ?? 0;
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      // PRAGMA takes no bound parameters; the version is our own integer constant.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
    // Migrations run with foreign keys off (a table rebuild needs it); nothing they leave may dangle.
    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0)
      throw new Error(
        `${file}: migration left ${dangling.length} rows of ${dangling[0]!.table} pointing at missing ${dangling[0]!.parent}`,
      );
  })();
  return { from, to: latest };
}

/** The file's schema version, or FutureDatabaseError before anything (even a pragma) touches the file. */
export function assertKnownVersion(db: Database, file: string, list: readonly Migration[]): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (found > latest) throw new FutureDatabaseError(file, found, latest);
  return found;
}
