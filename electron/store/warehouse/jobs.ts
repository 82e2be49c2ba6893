import type pg from 'pg';

export interface Job {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string;
  attempts: number;
}

/** Messages a bench wrote to its outbox become warehouse jobs; the same key again is the same job. */
export async function addJobs(
  client: pg.PoolClient,
  jobs: { kind: string; idempotency_key: string; payload: string }[],
): Promise<void> {
  for (const j of jobs)
    await client.query(
      'INSERT INTO jobs (kind, idempotency_key, payload) VALUES ($1, $2, $3) ON CONFLICT (idempotency_key) DO NOTHING',
      [j.kind, j.idempotency_key, j.payload],
    );
}

/** The next due job for this runner, taken in one statement; a job held over a minute by a dead runner is due. */
export async function takeJob(q: pg.Pool, runner: string): Promise<Job | null> {
  const r = await q.query<Job & { id: string }>(
    `UPDATE jobs SET status = 'running', locked_by = $1, locked_at = now(), attempts = attempts + 1
     WHERE id = (
       SELECT id FROM jobs
       WHERE (status = 'pending' AND next_at <= now()) OR (status = 'running' AND locked_at < now() - interval '1 minute')
       ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
     RETURNING id, kind, idempotency_key, payload, attempts`,
    [runner],
  );
  const j = r.rows[0];
  return j ? { ...j, id: Number(j.id) } : null;
}

export async function finishJob(
  q: pg.Pool,
  id: number,
  error: string | null,
  retryMs: number,
): Promise<void> {
  if (error === null)
    await q.query("UPDATE jobs SET status = 'done', done_at = now(), last_error = NULL WHERE id = $1", [id]);
  else
    await q.query(
      "UPDATE jobs SET status = 'pending', last_error = $2, next_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1",
      [id, error, String(retryMs)],
    );
}
