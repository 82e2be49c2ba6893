import pg from 'pg';

export interface Intercept {
  orderNo: string;
  status: 'held' | 'cancelled';
  reason: string;
}

/**
 * Listens for intercepts on a connection of its own (LISTEN needs one that stays open); a dropped connection is
 * opened again after a second, for as long as the bench runs. Returns the stopper.
 */
export function listenForIntercepts(
  connection: pg.ClientConfig,
  onIntercept: (i: Intercept) => void,
  onProblem: (message: string) => void,
  /** A table of master data changed (`users`): the bench refreshes its copy now. */
  onMaster: (table: string) => void = () => undefined,
): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const again = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, 1000);
    timer.unref?.();
  };
  const connect = async () => {
    const c = new pg.Client(connection);
    client = c;
    c.on('error', (err) => {
      onProblem(`intercept listener: ${err.message}`);
      again();
    });
    c.on('end', again);
    c.on('notification', (n) => {
      if (n.channel === 'packbench_master') return onMaster(n.payload ?? '');
      try {
        const i = JSON.parse(n.payload ?? '') as Intercept;
        if (typeof i.orderNo === 'string') onIntercept(i);
      } catch {
        onProblem(`intercept listener: unreadable notice ${n.payload ?? ''}`);
      }
    });
    try {
      await c.connect();
      await c.query('LISTEN packbench_intercept; LISTEN packbench_master');
      // Whatever changed while this connection was down is read again now.
      onMaster('users');
    } catch (err) {
      onProblem(`intercept listener: ${(err as Error).message}`);
      c.end().catch(() => undefined);
      again();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}
