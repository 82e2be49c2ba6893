import type { Database, Statement } from 'better-sqlite3';

/**
 * The database with its statements prepared once per SQL text. better-sqlite3 frees a statement's native half only
 * when V8 finalises its wrapper, which a quiet heap may never do: a statement prepared per call grew a bench by ~80 KB
 * a box (3.2 GB for `db seed --boxes 40000`). Every repository reaches SQLite through this.
 *
 * A statement keeps its modes (`pluck`, `raw`, `expand`) between uses, so a cached one is reset before it is handed
 * out; one still being iterated is not shared (a fresh one is prepared for that call, and not kept).
 */
export function withStatementCache(db: Database, max = 2000): Database {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      // Most recently used last, so the oldest goes first when the cache is full.
      cache.delete(sql);
      cache.set(sql, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const fresh = db.prepare(sql);
    if (hit) return fresh;
    cache.set(sql, fresh);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return fresh;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
