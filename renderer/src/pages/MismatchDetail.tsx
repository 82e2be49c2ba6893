import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MismatchView } from '../../../shared/contract';
import { client } from '../client';
import { PinPad } from '../components/PinPad';
import { useLeadField } from '../screen';
import { refusalText } from '../refusalText';
import { carrierName, grams, localTime } from '../words';

/** A fact's value in the page's words: verdicts, results, reasons and carriers translated, the rest as recorded. */
function factValue(t: TFunction, f: { key: string; value: string }): string {
  switch (f.key) {
    case 'verdict':
      return t(`pack.verdict.${f.value}`, { defaultValue: f.value });
    case 'result':
      return t(`checkResult.${f.value}`, { defaultValue: f.value });
    case 'reason':
    case 'reasonCode':
      return t(`reasons.${f.value}`, { defaultValue: f.value });
    case 'carrier':
      return carrierName(t, f.value);
    case 'grams':
      return grams(t, f.value);
    default:
      return f.value;
  }
}

/** One mismatch: the box's event timeline, and a lead's resolution with a comment. */
export function MismatchDetail({ m, onDone }: { m: MismatchView; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [events, setEvents] = useState<
    {
      seq: number;
      type: string;
      at: string;
      packer: string | null;
      facts: { key: string; value: string }[];
    }[]
  >([]);
  const [comment, setComment] = useState('');
  const [lead, setLead] = useLeadField(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () => void client.call('session.events', { sessionId: m.sessionId }).then(setEvents),
    [m.sessionId],
  );
  return (
    <div role="dialog" aria-label={t('mismatches.timeline')} className="dialog wide">
      <h3>
        {t('mismatches.timeline')} · {m.orderNo}
      </h3>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.seq} className={e.seq === undefined ? '' : e.type.replace('.', '-')}>
            <time>{localTime(i18n.language, e.at, 'time')}</time>{' '}
            <strong>{t(`event.${e.type.replace('.', '_')}`, { defaultValue: e.type })}</strong>{' '}
            {e.facts.map((f) => `${t(`timeline.${f.key}`)} ${factValue(t, f)}`).join(' · ')}{' '}
            <small>{e.packer ?? ''}</small>
          </li>
        ))}
      </ol>
      {!m.resolution && (
        <>
          <label className="field">
            {t('mismatches.comment')}
            <input value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <label className="field">
            {t('pack.lead')}
            <input value={lead} onChange={(e) => setLead(e.target.value)} autoComplete="off" />
          </label>
          <PinPad
            submitLabel={t('mismatches.resolve')}
            onSubmit={(pin) =>
              client
                .call('mismatch.resolve', { id: m.id, comment: comment || '-', lead, pin })
                .then(onDone, (e: Error) => setError(refusalText(t, e)))
            }
          />
          {error && <p role="alert">{error}</p>}
        </>
      )}
      <button type="button" onClick={onDone}>
        {t('pack.cancel')}
      </button>
    </div>
  );
}
