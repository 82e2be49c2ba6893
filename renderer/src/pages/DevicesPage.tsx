import { useTranslation } from 'react-i18next';
import type { StationView } from '../useStation';
import { ScanTestPanel } from './ScanTestPanel';
import { client } from '../client';
import { ScaleControls } from './ScaleControls';
import { DeviceSetup } from './DeviceSetup';
import { deviceDetail, deviceName } from '../words';

export function DevicesPage({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="devices-heading" className="page">
      <h1 id="devices-heading">{t('devices.heading')}</h1>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('devices.name')}</th>
            <th scope="col">{t('devices.kind')}</th>
            <th scope="col">{t('devices.state')}</th>
            <th scope="col">{t('devices.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {view.info?.devices.map((d) => (
            <tr key={d.id}>
              <td>{deviceName(t, d)}</td>
              <td>{t(`device.kind.${d.kind}`)}</td>
              <td className={`state-${d.state}`}>{t(`device.state.${d.state}`)}</td>
              <td>
                {d.detail ? deviceDetail(t, (k) => i18n.exists(k), d.detail) : ''}{' '}
                {d.kind === 'printer' && (
                  <button
                    type="button"
                    onClick={() =>
                      void client.call('printer.test', { printer: d.id.split(':')[1] as 'label' | 'slip' })
                    }
                  >
                    {t('devices.testPrint')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ScaleControls view={view} />
      <ScanTestPanel state={view.state} />
      <DeviceSetup />
      <p className="pending">{t('devices.pending')}</p>
    </section>
  );
}
