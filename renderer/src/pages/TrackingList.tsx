import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { carrierName, localTime } from '../words';

type Attention = Awaited<ReturnType<typeof client.call<'tracking.attention'>>>;

/** 跟踪: the parcels after handover that need a person (the lead's list), and a check now. */
export function TrackingList() {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Attention>([]);
  const load = () => void client.call('tracking.attention').then(setRows, () => setRows([]));
  // Once when the page opens, and on "ask now": parcels move in hours, not with every scan at the dock.
  useEffect(load, []);
  return (
    <section aria-labelledby="tracking-heading" data-testid="tracking-attention">
      <h2 id="tracking-heading">{t('tracking.heading')}</h2>
      <button type="button" onClick={() => void client.call('tracking.poll').then(load, load)}>
        {t('tracking.checkNow')}
      </button>
      {rows.length === 0 ? (
        <p>{t('tracking.none')}</p>
      ) : (
        <table className="grid" aria-label={t('tracking.heading')}>
          <tbody>
            {rows.map((r) => (
              <tr key={r.waybillNo} data-problem={r.problem}>
                <td>{r.waybillNo}</td>
                <td>{r.orderNo}</td>
                <td>{carrierName(t, r.carrier)}</td>
                <td>{t(`tracking.problem.${r.problem}`)}</td>
                <td>{localTime(i18n.language, r.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Timeline = Awaited<ReturnType<typeof client.call<'tracking.timeline'>>>;

/** An order's parcels, event by event, as their carriers reported them. */
export function TrackingTimeline({ orderNo }: { orderNo: string }) {
  const { t, i18n } = useTranslation();
  // A carrier that gives an instant (ISO with a zone) is shown in the bench's time; one that gives its local wall time
  // (KDNiao, SF: "2026-12-01 15:00:00") is shown as it wrote it.
  const when = (at: string) => (/T.*(Z|[+-]\d\d:?\d\d)$/.test(at) ? localTime(i18n.language, at) : at);
  const [events, setEvents] = useState<Timeline | null>(null);
  useEffect(
    () => void client.call('tracking.timeline', { orderNo }).then(setEvents, () => setEvents([])),
    [orderNo],
  );
  if (!events) return null;
  if (events.length === 0) return <p>{t('tracking.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="tracking-timeline">
      {events.map((e) => (
        <li key={`${e.waybillNo}-${e.at}-${e.text}`}>
          <strong>{e.status ? t(`tracking.status.${e.status}`) : '—'}</strong> · {when(e.at)} · {e.waybillNo}{' '}
          · {e.text}
        </li>
      ))}
    </ol>
  );
}
