import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'packbench_token';

/** Cookie headers past this size are not read (a browser never sends ours that large). */
const COOKIE_MAX = 8192;

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export interface Guard {
  /** Host header names this server (defeats DNS rebinding). */
  hostAllowed(req: IncomingMessage): boolean;
  /** A browser's Origin, when sent, must be this server's own. */
  originAllowed(req: IncomingMessage): boolean;
  /** Token from `?token=` or the cookie the start page sets. */
  tokenOf(req: IncomingMessage): string | null;
  tokenValid(token: string | null): boolean;
}

/**
 * `allowedHosts` null = any Host (an explicit non-loopback bind, reached by the PC's address); the token still rules.
 * A browser's Origin must always be this very page's origin.
 */
export function createGuard(token: string, allowedHosts: () => string[] | null): Guard {
  const expected = Buffer.from(token);
  return {
    hostAllowed(req) {
      const host = req.headers.host;
      if (typeof host !== 'string') return false;
      const allowed = allowedHosts();
      return allowed === null || allowed.includes(host.toLowerCase());
    },
    originAllowed(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      return origin.toLowerCase() === `http://${(req.headers.host ?? '').toLowerCase()}`;
    },
    tokenOf(req) {
      const url = new URL(req.url ?? '/', 'http://x');
      const fromQuery = url.searchParams.get('token');
      if (fromQuery) return fromQuery;
      const cookie = req.headers.cookie ?? '';
      if (cookie.length > COOKIE_MAX) return null;
      for (const part of cookie.split(';')) {
        const [name, ...rest] = part.trim().split('=');
        // A malformed value (bad percent-encoding) is no token, not a reason to fail the request.
        if (name === TOKEN_COOKIE) return safeDecode(rest.join('='));
      }
      return null;
    },
    tokenValid(given) {
      if (!given) return false;
      const buf = Buffer.from(given);
      return buf.length === expected.length && timingSafeEqual(buf, expected);
    },
  };
}
