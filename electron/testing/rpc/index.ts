import WebSocket from 'ws';

export interface BoxStateLite {
  phase: string;
  scaleConnected?: boolean;
  feedback: { kind: string; params: Record<string, unknown> } | null;
  box: {
    orderNo: string;
    weight: { grams: number | null; verdict: string | null };
    shipment: { status: string; waybillNo: string | null; failure: string | null } | null;
  } | null;
}

/** A JSON-RPC client of a running `packbench serve`, as the page would be: calls, and the last pushed state. */
export function stationClient(url: string) {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/rpc?token=${u.searchParams.get('token')}`);
  let id = 0;
  const waiting = new Map<number, (v: { result?: unknown; error?: { message: string } }) => void>();
  let state: BoxStateLite | null = null;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.method === 'station.state') state = m.params;
    if (m.id === undefined) return;
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  ws.on('error', () => undefined);
  return {
    ready: new Promise((r) => ws.once('open', r)),
    /** The result, or the error's message as `{ error }`. */
    call: (method: string, params?: unknown) =>
      new Promise<unknown>((resolve) => {
        waiting.set(++id, (m) => resolve(m.error ? { error: m.error.message } : m.result));
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      }),
    state: () => state,
    close: () => ws.terminate(),
  };
}
