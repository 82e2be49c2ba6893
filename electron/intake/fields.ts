/** Field parsers for import rows: each returns the value or throws a message naming what was wrong. */
export class RowError extends Error {}

export const MAX_QTY = 9999;

export function quantity(raw: string, what = 'quantity'): number {
  const t = raw.trim();
  if (/^-\d+$/.test(t)) throw new RowError(`${what} ${t} is negative: it must be from 1 to ${MAX_QTY}`);
  if (/^\d+[.,]\d+$/.test(t))
    throw new RowError(`${what} ${t} has a fraction: it must be a whole number from 1 to ${MAX_QTY}`);
  if (t === '') throw new RowError(`${what} is empty: it must be a whole number from 1 to ${MAX_QTY}`);
  if (!/^\d+$/.test(t)) throw new RowError(`${what} "${raw}" is not a whole number`);
  raw = t;
  const n = Number(raw);
  if (n <= 0) throw new RowError(`${what} is ${n}: it must be at least 1`);
  // A barcode scanned into the quantity column is the usual way a 13-digit "quantity" arrives.
  if (n > MAX_QTY)
    throw new RowError(
      `${what} ${raw} is not plausible (more than ${MAX_QTY}; a barcode in the quantity column?)`,
    );
  return n;
}

export function optionalInt(raw: string | undefined, what: string, max = 1_000_000): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new RowError(`${what} "${raw}" is not a number`);
  const n = Math.round(Number(raw));
  if (n > max) throw new RowError(`${what} ${raw} is too large`);
  return n;
}

export function money(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const cleaned = raw.replace(/[¥￥,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) throw new RowError(`order value "${raw}" is not an amount`);
  return Math.round(Number(cleaned) * 100);
}

export function flag(raw: string | undefined): boolean {
  if (!raw) return false;
  const v = raw.trim().toLowerCase();
  if (['1', 'y', 'yes', 'true', '是', '需要', 'x'].includes(v)) return true;
  if (['0', 'n', 'no', 'false', '否', '不需要', ''].includes(v)) return false;
  throw new RowError(`"${raw}" is not yes/no`);
}

/** `A;B；C` — several values in one cell. */
export const list = (raw: string | undefined): string[] =>
  raw
    ? raw
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** `CODE*12` or `CODE x12` — a code with a count. */
export function counted(item: string, what: string): { code: string; qty: number } {
  const m = /^(.+?)\s*[*xX×]\s*(\d+)$/.exec(item);
  if (!m) throw new RowError(`${what} "${item}" must be CODE*QTY`);
  return { code: m[1]!.trim(), qty: quantity(m[2]!, `${what} quantity`) };
}

/** Orders not released for packing: 客审/财审 pending, address unconfirmed, intercepted, refunded. */
export function holdReason(raw: string | undefined): string | null {
  if (!raw) return null;
  const v = raw.trim();
  if (/^(released|ok|已审核|审核通过|待发货|已放行)$/i.test(v)) return null;
  return v;
}

/**
 * A time from an export (`2026-11-29 10:23:45`, `2026/11/29 10:23`, `2026-11-29`, or ISO with its offset), read in
 * the bench's own time zone when it names none, and kept as ISO UTC so times from any file order alike.
 */
export function timestamp(raw: string | undefined, what: string): string | null {
  const v = raw?.trim();
  if (!v) return null;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(v);
  let d: Date;
  if (m) {
    const [, y, mo, day, h = '0', mi = '0', s = '0'] = m;
    d = new Date(Number(y), Number(mo) - 1, Number(day), Number(h), Number(mi), Number(s));
    if (d.getMonth() !== Number(mo) - 1 || d.getDate() !== Number(day) || Number(h) > 23)
      throw new RowError(`${what} "${raw}" is not a real date and time`);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    d = new Date(v);
  } else throw new RowError(`${what} "${raw}" is not a date and time (YYYY-MM-DD HH:MM:SS)`);
  if (Number.isNaN(d.getTime())) throw new RowError(`${what} "${raw}" is not a real date and time`);
  return d.toISOString();
}

/** A code cell (country, currency, incoterm, HS code): trimmed, upper case, separators gone; empty → null. */
export function code(raw: string | undefined, keep: RegExp = /[^A-Z0-9]/g): string | null {
  const v = (raw ?? '').trim().toUpperCase().replace(keep, '');
  return v === '' ? null : v;
}
