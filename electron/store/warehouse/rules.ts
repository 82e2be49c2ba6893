import type pg from 'pg';
import type { RuleKey } from '../../config';

export async function rules(q: pg.Pool): Promise<Partial<Record<RuleKey, unknown>>> {
  const r = await q.query<{ key: RuleKey; value: unknown }>('SELECT key, value FROM rules');
  return Object.fromEntries(r.rows.map((x) => [x.key, x.value]));
}

/** Sets one rule and writes its audit row (old and new value, who, when) in the same transaction. */
export async function setRule(
  client: pg.PoolClient,
  key: RuleKey,
  value: unknown,
  by: string,
): Promise<void> {
  await client.query('BEGIN');
  try {
    const old = await client.query<{ value: unknown }>('SELECT value FROM rules WHERE key = $1 FOR UPDATE', [
      key,
    ]);
    await client.query(
      `INSERT INTO rules (key, value, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, JSON.stringify(value), by],
    );
    await client.query(
      'INSERT INTO rules_audit (key, old_value, new_value, changed_by) VALUES ($1, $2, $3, $4)',
      [key, old.rows[0] ? JSON.stringify(old.rows[0].value) : null, JSON.stringify(value), by],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

export async function rulesAudit(q: pg.Pool, limit = 50) {
  const r = await q.query<{
    key: string;
    old_value: unknown;
    new_value: unknown;
    changed_by: string;
    changed_at: Date;
  }>('SELECT key, old_value, new_value, changed_by, changed_at FROM rules_audit ORDER BY id DESC LIMIT $1', [
    limit,
  ]);
  return r.rows.map((a) => ({ ...a, changed_at: a.changed_at.toISOString() }));
}
