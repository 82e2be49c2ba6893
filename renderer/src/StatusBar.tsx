import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationView } from './useStation';
import { feedbackText } from './feedbackText';

export function StatusBar({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  const { info, connected } = view;
  const revision = view.state?.revision;
  // For the benchmarks: when the screen, whichever page it shows, has drawn a new state (from the scan's Enter key).
  useEffect(() => {
    if (revision !== undefined) performance.mark('packbench:rendered', { detail: revision });
  }, [revision]);
  return (
    <footer className="status-bar" role="contentinfo">
      <span>
        {t('status.station')}: <strong data-testid="station-id">{info?.stationId ?? '…'}</strong>
      </span>
      <span aria-label={t('status.connection')} className={connected ? 'ok' : 'bad'}>
        {connected ? t('status.connected') : t('status.disconnected')}
      </span>
      {view.state?.warehouse?.newerSchema && (
        <span className="bad" data-testid="warehouse-newer">
          {t('status.warehouseNewer', view.state.warehouse.newerSchema)}
        </span>
      )}
      {view.state?.warehouse?.olderSchema && (
        <span className="bad" data-testid="warehouse-older">
          {t('status.warehouseOlder', view.state.warehouse.olderSchema)}
        </span>
      )}
      {view.state?.warehouse && (view.state.warehouse.since || view.state.warehouse.waiting > 0) && (
        <span
          aria-label={t('status.warehouse')}
          data-testid="warehouse-status"
          className={view.state.warehouse.online ? 'ok' : 'bad'}
        >
          {view.state.warehouse.since
            ? t('status.warehouseOffline', {
                since: new Date(view.state.warehouse.since).toLocaleTimeString(i18n.language, {
                  hour: '2-digit',
                  minute: '2-digit',
                }),
                count: view.state.warehouse.waiting,
              })
            : t('status.warehouseWaiting', { count: view.state.warehouse.waiting })}
        </span>
      )}
      <ul aria-label={t('status.devices')} className="device-pills">
        {info?.devices.map((d) => (
          <li key={d.id} className={`pill state-${d.state}`} title={d.detail ?? ''}>
            {t(`device.kind.${d.kind}`)} · {t(`device.state.${d.state}`)}
          </li>
        ))}
      </ul>
      {view.state?.feedback && (
        <span className={`last-feedback tone-${view.state.feedback.tone}`} data-testid="last-feedback">
          {feedbackText(t, i18n.language, view.state.feedback)}
        </span>
      )}
      <span className="version">{t('status.version', { version: info?.version ?? '' })}</span>
    </footer>
  );
}
