import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationView } from '../useStation';
import { client } from '../client';
import { playTone } from '../sounds';
import { feedbackText } from '../feedbackText';
import { carrierName, kilograms, localTime } from '../words';
import { saveFile } from '../saveFile';
import { refusalText } from '../refusalText';
import { TrackingList } from './TrackingList';

type Batch = Awaited<ReturnType<typeof client.call<'handover.current'>>>;
type Shelf = Awaited<ReturnType<typeof client.call<'handover.shelf'>>>;

/** The batch's manifest PDF, handed to the browser to open or print (A4: the courier signs it). */
async function openManifest(id: number) {
  const { fileName, contentBase64 } = await client.call('handover.manifest', { id });
  saveFile(fileName, contentBase64, 'application/pdf');
}

/**
 * 交接: open a carrier's batch, scan each closed box's label as it is loaded, close with a manifest. The shelf shows
 * the closed boxes still waiting, per carrier and packing bench (in a warehouse, every bench's).
 */
export function HandoverPage({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  const [shelf, setShelf] = useState<Shelf>([]);
  // A warehouse's dock loads every bench's boxes: a carrier with boxes waiting can be opened here too.
  const carriers = [...new Set([...(view.info?.carriers ?? []), ...shelf.map((s) => s.carrier)])];
  const [carrier, setCarrier] = useState('');
  const [batch, setBatch] = useState<Batch>(null);
  const [closed, setClosed] = useState<{ id: number; count: number } | null>(null);
  // A refusal (a carrier not set up, the warehouse away…), said in the page's words until the next try.
  const [error, setError] = useState<string | null>(null);
  const attempt = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e: unknown) => setError(refusalText(t, e)));
  };
  const [daily, setDaily] = useState<Awaited<ReturnType<typeof client.call<'handover.daily'>>>>([]);
  const refresh = useCallback(() => {
    void client.call('handover.current').then(setBatch, () => setBatch(null));
    void client.call('handover.shelf').then(setShelf, () => setShelf([]));
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    void client.call('handover.daily', { from, to: today }).then(setDaily, () => setDaily([]));
  }, []);
  // Scans reach the batch through the station's router (from any scanner); each one changes the state.
  const feedback = view.state?.feedback;
  const [dismissed, setDismissed] = useState<number | null>(null);
  const last = feedback?.kind.startsWith('handover-') && feedback.id !== dismissed ? feedback : null;
  useEffect(refresh, [refresh, last?.id]);
  useEffect(() => {
    if (last) playTone(last.tone);
  }, [last?.id]);
  return (
    <section aria-labelledby="handover-heading" className="page">
      <h1 id="handover-heading">{t('nav.handover')}</h1>
      {last && (
        <p className={`feedback tone-${last.tone}`} data-testid="handover-result" data-tone={last.tone}>
          {feedbackText(t, i18n.language, last)}
        </p>
      )}
      {!batch ? (
        <div className="field">
          <label>
            {t('handover.carrier')}{' '}
            <select value={carrier} onChange={(e) => setCarrier(e.target.value)}>
              <option value="">—</option>
              {carriers.map((c) => (
                <option key={c} value={c}>
                  {carrierName(t, c)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={!carrier}
            onClick={() => attempt(client.call('handover.open', { carrier }).then(refresh))}
          >
            {t('handover.open')}
          </button>
        </div>
      ) : (
        <>
          <p className="next-action" role="status" aria-label={t('handover.batch')}>
            {t('handover.scanBoxes', { carrier: carrierName(t, batch.carrier), count: batch.lines.length })}
          </p>
          {/* Cartons of orders on this batch that are not on it: the courier must not leave without them. */}
          {batch.missing.length > 0 && (
            <div className="missing-cartons" role="alert" data-testid="missing-cartons">
              <strong>{t('handover.missing')}</strong>
              <ul>
                {batch.missing.map((m) => (
                  <li key={m.waybillNo}>
                    {t('handover.missingLine', {
                      orderNo: m.orderNo,
                      carton: m.carton,
                      cartons: m.cartons,
                      waybill: m.waybillNo,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table className="grid" aria-label={t('handover.batch')}>
            <thead>
              <tr>
                <th scope="col">{t('pack.waybill')}</th>
                <th scope="col">{t('pack.order')}</th>
                <th scope="col">{t('handover.carton')}</th>
                <th scope="col">{t('handover.weight')}</th>
                <th scope="col">{t('handover.packedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {batch.lines.map((l) => (
                <tr key={l.waybillNo}>
                  <td>{l.waybillNo}</td>
                  <td>{l.orderNo}</td>
                  <td>{`${l.carton}/${l.cartons}`}</td>
                  <td>{l.weightG ?? ''}</td>
                  <td>{l.bench ?? view.info?.stationId ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="primary"
            disabled={batch.lines.length === 0}
            onClick={() =>
              attempt(
                client
                  .call('handover.close')
                  .then((r) => (setClosed(r), setDismissed(last?.id ?? null), refresh())),
              )
            }
          >
            {t('handover.close')}
          </button>
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {closed && (
        <p role="status" data-testid="manifest">
          {t('handover.closed', { count: closed.count })}{' '}
          <button type="button" onClick={() => attempt(openManifest(closed.id))}>
            {t('handover.openManifest')}
          </button>
        </p>
      )}
      <h2>{t('handover.shelf')}</h2>
      {shelf.length === 0 ? (
        <p>{t('handover.shelfEmpty')}</p>
      ) : (
        <table className="grid" aria-label={t('handover.shelf')} data-testid="shelf">
          <thead>
            <tr>
              <th scope="col">{t('handover.carrier')}</th>
              <th scope="col">{t('handover.bench')}</th>
              <th scope="col">{t('handover.boxesHeading')}</th>
              <th scope="col">{t('handover.oldest')}</th>
            </tr>
          </thead>
          <tbody>
            {shelf.map((s) => (
              <tr key={`${s.carrier}-${s.bench}`}>
                <td>{carrierName(t, s.carrier)}</td>
                <td>{s.bench}</td>
                <td>{t('handover.boxes', { count: s.boxes })}</td>
                <td>{localTime(i18n.language, s.oldest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TrackingList />
      <h2>{t('handover.daily')}</h2>
      <table className="grid" aria-label={t('handover.daily')}>
        <tbody>
          {daily.map((d) => (
            <tr key={`${d.day}-${d.carrier}`}>
              <td>{d.day}</td>
              <td>{carrierName(t, d.carrier)}</td>
              <td>{t('handover.boxes', { count: d.boxes })}</td>
              <td>{`${t('handover.orders')} ${d.orders}`}</td>
              <td>{kilograms(t, d.weightG)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
