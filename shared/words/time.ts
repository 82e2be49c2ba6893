/**
 * A stored time (UTC, ISO 8601) as people at the bench read it in files they open: the bench's local date and time with
 * its offset, e.g. `2026-11-30 10:05:06 +08:00` (Excel reads the first part; the offset says which zone it is).
 */
export function localStamp(iso: string | Date, offsetMinutes?: number): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  // getTimezoneOffset is minutes behind UTC; east of Greenwich it is negative.
  const off = offsetMinutes ?? -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19).replace('T', ' ')} ${sign}${hh}:${mm}`;
}
