import { CarrierHttpError } from './model';

export interface HttpReply {
  status: number;
  text: string;
  bytes: Buffer;
  headers: Headers;
}

/**
 * One HTTP call with a deadline. A timeout, a network failure or a 5xx leaves the outcome unknown (the carrier may
 * have committed before the line dropped); the caller resolves it by query or by resending the same key.
 */
export async function request(url: string, init: RequestInit & { timeoutMs: number }): Promise<HttpReply> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs) });
  } catch (err) {
    const e = err as Error;
    const why =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${init.timeoutMs} ms`
        : ((e.cause as Error | undefined)?.message ?? e.message);
    throw new CarrierHttpError(`${new URL(url).host}: ${why}`, true);
  }
  const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (res.status >= 500) throw new CarrierHttpError(`${new URL(url).host}: HTTP ${res.status}`, true);
  return { status: res.status, text: bytes.toString('utf8'), bytes, headers: res.headers };
}

export function postForm(url: string, fields: Record<string, string>, timeoutMs: number): Promise<HttpReply> {
  return request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(fields).toString(),
    timeoutMs,
  });
}

/** JSON from a carrier, or an "unknown outcome" error naming what came back (an HTML error page, say). */
export function parseJson<T>(reply: HttpReply, host: string): T {
  try {
    return JSON.parse(reply.text) as T;
  } catch {
    throw new CarrierHttpError(
      `${host}: HTTP ${reply.status}, not JSON (${reply.text.slice(0, 60).replace(/\s+/g, ' ')}…)`,
      true,
    );
  }
}
