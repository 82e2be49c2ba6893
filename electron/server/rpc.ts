import type { CallOutcome, ContractErrorCode } from '../../shared/contract';

/** JSON-RPC 2.0 error codes for the contract's failures. */
const CODES: Record<ContractErrorCode, number> = {
  'unknown-method': -32601,
  'bad-params': -32602,
  'bad-result': -32603,
  internal: -32603,
  refused: -32000,
};

type Id = string | number | null;
export type RpcReply =
  | { jsonrpc: '2.0'; id: Id; result: unknown }
  | { jsonrpc: '2.0'; id: Id; error: { code: number; message: string; data?: unknown } };

const failure = (id: Id, code: number, message: string, data?: unknown): RpcReply => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

/**
 * One WebSocket text frame in, at most one reply out (notifications get none). Batches are refused: the view never
 * sends them and refusing keeps one frame = one call.
 */
export async function handleRpcFrame(
  text: string,
  call: (method: string, params: unknown) => Promise<CallOutcome>,
): Promise<RpcReply | null> {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return failure(null, -32700, 'parse error: not JSON');
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg))
    return failure(null, -32600, 'invalid request: expected one JSON-RPC object');
  const req = msg as Record<string, unknown>;
  const id = typeof req.id === 'string' || typeof req.id === 'number' ? req.id : null;
  if (req.jsonrpc !== '2.0' || typeof req.method !== 'string') {
    return failure(id, -32600, 'invalid request: needs jsonrpc "2.0" and a method');
  }
  const outcome = await call(req.method, req.params);
  if (!('id' in req)) return null;
  if (outcome.ok) return { jsonrpc: '2.0', id, result: outcome.result };
  const { code, message, issues, reason } = outcome.error;
  return failure(id, CODES[code], message, {
    code,
    ...(issues ? { issues } : {}),
    ...(reason ? { reason } : {}),
  });
}
