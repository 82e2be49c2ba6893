import type { Database } from 'better-sqlite3';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export type Role = 'packer' | 'lead' | 'admin';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  badge: string | null;
  pin_hash: string | null;
  active: 0 | 1;
}

// scrypt cost: N=2^14, r=8, p=1 — about 30 ms on a bench PC, fine for a login and slow for guessing.
const N = 16384;
const R = 8;
const P = 1;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function pinMatches(pin: string, stored: string | null): boolean {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

export const ROLE_RANK: Record<Role, number> = { packer: 1, lead: 2, admin: 3 };

export class UsersRepo {
  constructor(private readonly db: Database) {}

  add(user: { name: string; role: Role; badge?: string | null; pin?: string | null }): UserRow {
    const info = this.db
      .prepare('INSERT INTO users (name, role, badge, pin_hash) VALUES (?, ?, ?, ?)')
      .run(user.name, user.role, user.badge ?? null, user.pin ? hashPin(user.pin) : null);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  byId(id: number): UserRow | null {
    return (this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined) ?? null;
  }

  byBadge(badge: string): UserRow | null {
    return (
      (this.db.prepare('SELECT * FROM users WHERE badge = ? AND active = 1').get(badge) as
        UserRow | undefined) ?? null
    );
  }

  byName(name: string): UserRow | null {
    return (
      (this.db.prepare('SELECT * FROM users WHERE name = ? AND active = 1').get(name) as
        UserRow | undefined) ?? null
    );
  }

  /**
   * Users as the warehouse keeps them (PIN already hashed): added or brought up to date by name. One whose badge another
   * user of this bench holds is skipped and named, so one clash never stops the rest.
   */
  upsert(
    users: { name: string; role: Role; badge: string | null; pin_hash: string | null; active: boolean }[],
  ): string[] {
    const stmt = this.db.prepare(
      `INSERT INTO users (name, role, badge, pin_hash, active) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET role = excluded.role, badge = excluded.badge, pin_hash = excluded.pin_hash,
         active = excluded.active`,
    );
    const skipped: string[] = [];
    for (const u of users)
      try {
        stmt.run(u.name, u.role, u.badge, u.pin_hash, u.active ? 1 : 0);
      } catch (err) {
        if (!/UNIQUE/.test((err as Error).message)) throw err;
        skipped.push(u.name);
      }
    return skipped;
  }

  list(): UserRow[] {
    return this.db.prepare('SELECT * FROM users WHERE active = 1 ORDER BY name').all() as UserRow[];
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }
}
