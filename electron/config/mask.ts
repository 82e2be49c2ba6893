const SECRET_KEYS = /^(appKey|checkWord|apiKey|secret|customerPwd|password|token)$/i;

/** postgres://user:secret@host/db → postgres://user:***(6 chars)@host/db */
const maskUrlPassword = (url: string) =>
  url.replace(
    /^(\w+:\/\/[^:/@]+:)([^@]*)@/,
    (_m, head: string, pw: string) => `${head}***(${pw.length} chars)@`,
  );

/** A copy safe to print or log: every secret replaced by its length, so IT can tell "set" from "empty". */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecrets) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        SECRET_KEYS.test(key) && typeof v === 'string'
          ? `***(${v.length} chars)`
          : key === 'postgresUrl' && typeof v === 'string'
            ? maskUrlPassword(v)
            : maskSecrets(v);
    }
    return out as T;
  }
  return value;
}
