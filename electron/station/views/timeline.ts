import type { StoredEvent } from '../../store';

/** One line for a timeline entry: the fields a lead reads first. */
function summarize(p: Record<string, unknown>): string {
  const pick = [
    'code',
    'waybillNo',
    'reason',
    'reasonCode',
    'grams',
    'carrier',
    'expected',
    'actual',
    'insertId',
  ].filter((k) => p[k] !== undefined && p[k] !== null);
  const check = p.check as { result?: string; verdict?: string; sku?: string } | undefined;
  const parts = pick.map((k) => `${k} ${String(p[k])}`);
  if (check?.result) parts.unshift(`${check.result}${check.sku ? ` ${check.sku}` : ''}`);
  if (check?.verdict) parts.unshift(check.verdict);
  if (p.order && typeof p.order === 'object') parts.unshift(String((p.order as { orderNo: string }).orderNo));
  return parts.join(' · ');
}

export const timelineEntry = (e: StoredEvent) => ({
  seq: e.seq,
  type: e.type,
  at: e.at,
  packer: e.packer,
  summary: summarize(e.payload as Record<string, unknown>),
});
