import type { WebSocket } from 'ws';
import type { Log } from '../log';
import { handleRpcFrame, type RpcReply } from './rpc';
import type { CallOutcome } from '../../shared/contract';

/** Calls one connection may have in the station at once; more wait their turn. */
export const IN_FLIGHT = 16;
/** Requests one connection may have waiting; past this each is answered "too many at once" without running. */
export const QUEUED = 256;
/** Above this much unsent output the connection stops being read (and state pushes wait, the latest kept). */
const PAUSE_BYTES = 4 * 1024 * 1024;
const RESUME_BYTES = 1024 * 1024;

/**
 * One page's WebSocket: its requests go to the station a few at a time, each started on its own turn of the event
 * loop (so another connection's frames are read in between), at most QUEUED waiting; a client that reads slower than
 * it asks is paused rather than buffered without end. One flooding client cannot starve the bench's own page.
 */
export function serveConnection(
  ws: WebSocket,
  call: (method: string, params: unknown) => Promise<CallOutcome>,
  log: Log,
): { push(method: string, params: unknown): void } {
  const waiting: string[] = [];
  let running = 0;
  let paused = false;
  let pendingState: string | null = null;

  const send = (text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(text);
    if (!paused && ws.bufferedAmount > PAUSE_BYTES) {
      paused = true;
      ws.pause();
      const check = () => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > RESUME_BYTES) return void setTimeout(check, 10).unref();
        paused = false;
        ws.resume();
        if (pendingState) send(pendingState);
        pendingState = null;
      };
      setTimeout(check, 10).unref();
    }
  };

  const reply = (r: RpcReply | null) => {
    if (!r) return;
    if ('error' in r) log.warn(`rpc error: ${r.error.message}`);
    send(JSON.stringify(r));
  };

  const next = () => {
    while (running < IN_FLIGHT && waiting.length) {
      const text = waiting.shift()!;
      running++;
      setImmediate(() => {
        handleRpcFrame(text, call)
          .then(reply)
          .catch((err: unknown) => log.error('rpc call failed', err))
          .finally(() => {
            running--;
            next();
          });
      });
    }
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary)
      return send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'parse error: binary frame' },
        }),
      );
    const text = data.toString();
    if (waiting.length >= QUEUED) return void reply(tooMany(text));
    waiting.push(text);
    next();
  });

  return {
    // A state push is a whole snapshot: while the client is behind, only the newest is worth sending.
    push(method, params) {
      const text = JSON.stringify({ jsonrpc: '2.0', method, params });
      if (paused && method === 'station.state') pendingState = text;
      else send(text);
    },
  };
}

/** The answer to a request past the queue's bound: its id, and nothing run. */
function tooMany(text: string): RpcReply | null {
  let id: string | number | null = null;
  try {
    const m = JSON.parse(text) as { id?: unknown };
    if (!('id' in m)) return null;
    if (typeof m.id === 'string' || typeof m.id === 'number') id = m.id;
  } catch {
    // Not JSON: answered with a null id, as a parse error would be.
  }
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: -32000,
      message: `too many requests at once on this connection (${QUEUED} waiting): wait for answers before asking more`,
      data: { code: 'refused' },
    },
  };
}
