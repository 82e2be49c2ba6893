import type { CallOutcome, ContractErrorCode } from '../../../shared/contract';
import type { PackbenchBridge } from '../../../shared/contract';

type Pending = { resolve: (o: CallOutcome) => void };

/**
 * The headless station's bridge: JSON-RPC 2.0 over WebSocket at /rpc (the token rides in the cookie the start page
 * set). Reconnects with backoff; calls made while it is down wait for the connection.
 */
export function createWsBridge(url: string, onConnection?: (up: boolean) => void): PackbenchBridge {
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket>;
  let nextId = 1;
  let delay = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        delay = 250;
        onConnection?.(true);
        resolve(ws);
      };
      ws.onmessage = (e) => receive(String(e.data));
      ws.onclose = () => {
        if (socket === ws) onConnection?.(false);
        socket = null;
        for (const [id, p] of pending) {
          p.resolve({
            ok: false,
            error: { code: 'internal', message: 'connection to the station was lost' },
          });
          pending.delete(id);
        }
        setTimeout(() => {
          open = connect();
          void open.then(resolve);
        }, delay);
        delay = Math.min(delay * 2, 5000);
      };
    });

  const receive = (text: string) => {
    const msg = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: {
        message: string;
        data?: {
          code?: ContractErrorCode;
          issues?: string[];
          reason?: { kind: string; params: Record<string, string | number> };
        };
      };
    };
    if (typeof msg.method === 'string') {
      for (const l of listeners.get(msg.method) ?? []) l(msg.params);
      return;
    }
    const p = typeof msg.id === 'number' ? pending.get(msg.id) : undefined;
    if (!p || msg.id === undefined) return;
    pending.delete(msg.id);
    if (msg.error) {
      const { issues, reason } = msg.error.data ?? {};
      p.resolve({
        ok: false,
        error: {
          code: msg.error.data?.code ?? 'internal',
          message: msg.error.message,
          ...(issues ? { issues } : {}),
          ...(reason ? { reason } : {}),
        },
      });
    } else p.resolve({ ok: true, result: msg.result });
  };

  open = connect();

  return {
    async call(method, params) {
      const ws = socket ?? (await open);
      const id = nextId++;
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
