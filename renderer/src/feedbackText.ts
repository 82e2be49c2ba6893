import type { TFunction } from 'i18next';
import type { Feedback } from '../../shared/contract';
import { carrierName, customsText } from './words';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A feedback in the packer's words: every one of the three places that show feedback words it here, so a reason code
 * is translated and a time the station sends (UTC) is read in local time, whatever the message.
 */
export function feedbackText(t: TFunction, language: string, f: Pick<Feedback, 'kind' | 'params'>): string {
  const params = Object.fromEntries(
    Object.entries(f.params).map(([k, v]) => [
      k,
      typeof v === 'string' && k === 'reason'
        ? t(`reasons.${v}`, { defaultValue: v })
        : typeof v === 'string' && k === 'mode'
          ? t(`packMode.${v}`)
          : typeof v === 'string' && k === 'carrier'
            ? carrierName(t, v)
            : typeof v === 'string' && k === 'problems'
              ? customsText(t, v)
              : typeof v === 'string' && ISO_TIME.test(v)
                ? new Date(v).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' })
                : v,
    ]),
  );
  return t(`feedback.${f.kind}`, params);
}
