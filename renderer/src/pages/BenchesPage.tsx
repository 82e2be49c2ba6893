import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { LeadDialog } from '../components/LeadDialog';
import type { StationView } from '../useStation';
import { refusalText } from '../refusalText';

type Row = Awaited<ReturnType<typeof client.call<'warehouse.benches'>>>[number];
const STALE_MS = 60_000;

/** The lead's board: every bench of the warehouse, live; a lead frees the claims of a bench that stopped answering. */
export function BenchesPage({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const warehouse = view.info?.warehouse ?? false;
  const load = useCallback(() => {
    if (!warehouse) return;
    client.call('warehouse.benches').then(
      (r) => (setRows(r), setError(null)),
      (e: Error) => setError(refusalText(t, e)),
    );
  }, [warehouse]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  return (
    <section aria-labelledby="benches-heading" className="page">
      <h1 id="benches-heading">{t('benches.heading')}</h1>
      {!warehouse ? (
        <p>{t('benches.single')}</p>
      ) : (
        <table className="grid" aria-label={t('benches.heading')}>
          <thead>
            <tr>
              {(
                [
                  'bench',
                  'packer',
                  'order',
                  'phase',
                  'devices',
                  'boxesLastHour',
                  'boxesToday',
                  'lag',
                  'claims',
                  'lastSeen',
                ] as const
              ).map((k) => (
                <th key={k} scope="col">
                  {t(`benches.${k}`)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => {
              const silent = Date.now() - Date.parse(b.lastSeen);
              const stale = silent > STALE_MS;
              return (
                <tr key={b.id} className={stale ? 'tone-wrong' : undefined} data-testid={`bench-${b.id}`}>
                  <td>{b.id}</td>
                  <td>{b.packer ?? '—'}</td>
                  <td>{b.orderNo ?? '—'}</td>
                  <td>{b.phase ? t(`pack.phase.${b.phase}`) : '—'}</td>
                  <td>
                    {b.devices.map((d) => (
                      <span key={`${d.kind}-${d.name}`} className={`pill state-${d.state}`} title={d.name}>
                        {t(`device.kind.${d.kind}`)} ·{' '}
                        {t(`device.state.${d.state}`, { defaultValue: d.state })}
                      </span>
                    ))}
                  </td>
                  <td>{b.boxesLastHour}</td>
                  <td>{b.boxesToday}</td>
                  <td>{b.lagEvents}</td>
                  <td>{b.openClaims}</td>
                  <td>
                    {time(b.lastSeen)}
                    {stale ? ` (${t('benches.stale', { seconds: Math.round(silent / 1000) })})` : ''}
                  </td>
                  <td>
                    {stale && b.openClaims > 0 && (
                      <button type="button" onClick={() => setReleasing(b.id)}>
                        {t('benches.release')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {note && <p role="status">{note}</p>}
      {error && <p role="alert">{error}</p>}
      {releasing && (
        <LeadDialog
          title={`${t('benches.release')} ${releasing}`}
          submitLabel={t('benches.release')}
          onSubmit={(lead, pin) =>
            client
              .call('warehouse.releaseBench', { bench: releasing, lead, pin })
              .then((r) => (setNote(t('benches.released', { count: r.released })), load()))
          }
          onClose={() => setReleasing(null)}
        />
      )}
    </section>
  );
}
