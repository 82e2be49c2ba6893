import type { StoredEvent } from '../../store';

/** The facts of an event a lead reads first, each named so the page words it (keys: renderer i18n `timeline.<key>`). */
function facts(p: Record<string, unknown>): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  if (p.order && typeof p.order === 'object')
    out.push({ key: 'order', value: String((p.order as { orderNo: string }).orderNo) });
  const check = p.check as { result?: string; verdict?: string; sku?: string } | undefined;
  if (check?.verdict) out.push({ key: 'verdict', value: check.verdict });
  if (check?.result) out.push({ key: 'result', value: check.result });
  if (check?.sku) out.push({ key: 'sku', value: check.sku });
  for (const k of [
    'code',
    'waybillNo',
    'reason',
    'reasonCode',
    'grams',
    'carrier',
    'expected',
    'actual',
    'insertId',
    'carton',
  ])
    if (p[k] !== undefined && p[k] !== null) out.push({ key: k, value: String(p[k]) });
  return out;
}

export const timelineEntry = (e: StoredEvent) => ({
  seq: e.seq,
  type: e.type,
  at: e.at,
  packer: e.packer,
  facts: facts(e.payload as Record<string, unknown>),
});
