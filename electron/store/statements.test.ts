import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statements';

describe('statement cache', () => {
  const open = () => {
    const raw = new Sqlite(':memory:');
    raw.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    raw.exec("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')");
    let prepared = 0;
    const counting = new Proxy(raw, {
      get: (target, prop) =>
        prop === 'prepare'
          ? (sql: string) => (prepared++, target.prepare(sql))
          : (Reflect.get(target, prop, target) as unknown),
    });
    return { db: withStatementCache(counting, 3), prepared: () => prepared, raw };
  };

  it('prepares a SQL text once, however often it is asked for', () => {
    const { db, prepared } = open();
    for (let i = 0; i < 1000; i++) db.prepare('SELECT a FROM t WHERE a = ?').get(1);
    expect(prepared()).toBe(1);
  });

  it('hands a cached statement out without the modes its last user set', () => {
    const { db } = open();
    expect(db.prepare('SELECT a FROM t ORDER BY a').pluck().all()).toEqual([1, 2, 3]);
    expect(db.prepare('SELECT a FROM t ORDER BY a').all()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(db.prepare('SELECT a FROM t ORDER BY a').raw().all()).toEqual([[1], [2], [3]]);
    expect(db.prepare('SELECT a FROM t ORDER BY a').get()).toEqual({ a: 1 });
  });

  it('gives a fresh statement while the cached one is being iterated', () => {
    const { db } = open();
    const seen: number[] = [];
    for (const row of db.prepare('SELECT a FROM t ORDER BY a').iterate() as Iterable<{ a: number }>)
      seen.push(row.a, db.prepare('SELECT a FROM t ORDER BY a').pluck().all().length);
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const { db, prepared } = open();
    for (const n of [1, 2, 3, 1, 4, 1, 2]) db.prepare(`SELECT ${n}`).get();
    // 1, 2, 3 prepared; 1 reused; 4 prepared (2 dropped: least recent); 1 reused; 2 prepared again.
    expect(prepared()).toBe(5);
  });

  it('leaves the rest of the database as it is (transactions, pragmas, exec)', () => {
    const { db, raw } = open();
    db.transaction(() => db.prepare('INSERT INTO t VALUES (4, ?)').run('w'))();
    expect(raw.prepare('SELECT count(*) FROM t').pluck().get()).toBe(4);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.open).toBe(true);
  });
});
