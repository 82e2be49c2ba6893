import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** Who holds a bench database: written into `<database>.lock` when taken. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    file: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `${file} is in use by ${holder.purpose} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}): ` +
            `one station per database; stop it first, or use a read-only command`
        : `${file} is being opened by another process right now: try again in a moment`,
    );
    this.name = 'DatabaseLockedError';
  }
}

export interface DatabaseLock {
  readonly holder: LockHolder;
  release(): void;
}

const STALE_EMPTY_MS = 5000;

function readHolder(path: string): LockHolder | null | 'gone' {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : null;
  }
}

/** A holder on another host cannot be checked, so it counts as alive; on this host, its pid says. */
function alive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const same = (a: LockHolder | null | 'gone', b: LockHolder) =>
  a !== null && a !== 'gone' && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;

/**
 * One station per database: an exclusive lock file beside it, naming its holder. A lock left by a process that died
 * (same host, pid gone) is taken over; a live one is refused with its holder's pid, host and start time.
 */
export function lockDatabase(file: string, purpose: string): DatabaseLock {
  const path = `${file}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return {
        holder: me,
        release: () => {
          if (same(readHolder(path), me)) unlinkSync(path);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = readHolder(path);
    if (held === 'gone') continue;
    if (held === null) {
      // Empty or half-written: another process is taking it this instant, or died doing so long ago.
      let age: number;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (age < STALE_EMPTY_MS) throw new DatabaseLockedError(file, null);
    } else if (alive(held)) throw new DatabaseLockedError(file, held);
    // Stale: move it aside (only one process can), and make sure what was moved is the stale lock we saw.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (held !== null && !same(moved, held)) {
      // Another process took over in between and we moved its fresh lock: put it back and give way.
      try {
        renameSync(aside, path);
      } catch {
        /* it is gone either way */
      }
      throw new DatabaseLockedError(file, moved === null || moved === 'gone' ? null : moved);
    }
    try {
      unlinkSync(aside);
    } catch {
      /* already gone */
    }
  }
  throw new DatabaseLockedError(file, null);
}
