import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MismatchView } from '../../../shared/contract';
import { client } from '../client';
import { PinPad } from '../components/PinPad';
import { useLeadField } from '../screen';
import { refusalText } from '../refusalText';

/** One mismatch: the box's event timeline, and a lead's resolution with a comment. */
export function MismatchDetail({ m, onDone }: { m: MismatchView; onDone: () => void }) {
  const { t } = useTranslation();
  const [events, setEvents] = useState<
    { seq: number; type: string; at: string; packer: string | null; summary: string }[]
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
            <time>{new Date(e.at).toLocaleTimeString()}</time> <strong>{e.type}</strong> {e.summary}{' '}
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
