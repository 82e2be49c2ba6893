import type { TFunction } from 'i18next';

/**
 * Why the station said no, in the bench's language: a refusal's kind and parameters worded by the page
 * (`refusal.<kind>`), never the station's English. Anything else (a lost connection, a fault) is said plainly; the
 * details are in the station's log.
 */
export function refusalText(t: TFunction, err: unknown): string {
  const e = err as { code?: string; reason?: { kind: string; params: Record<string, string | number> } };
  if (e.reason) return t(`refusal.${e.reason.kind}`, e.reason.params);
  if (e.code === 'bad-params') return t('error.badInput');
  return t('error.failed');
}
