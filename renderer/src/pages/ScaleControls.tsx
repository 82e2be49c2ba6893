import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { VirtualScaleControl } from '../components/VirtualScaleControl';
import { useScaleReading } from '../useScale';
import type { StationView } from '../useStation';
import { grams } from '../words';

/** The scale's live reading, and zero/tare where its protocol has them. */
export function ScaleControls({ view }: { view: StationView }) {
  const { t } = useTranslation();
  const reading = useScaleReading();
  const scale = view.info?.scale;
  if (!scale) return null;
  return (
    <section aria-labelledby="scale-heading" className="scale-controls">
      <h2 id="scale-heading">
        {t('devices.scale')} · {scale.protocol}
      </h2>
      <p className="grams-small" data-testid="devices-weight">
        {reading
          ? reading.grams === null
            ? (reading.error ?? '—')
            : `${grams(t, reading.grams)} · ${reading.stable ? t('pack.stable') : t('pack.moving')}`
          : '—'}
      </p>
      {scale.canZero && (
        <button type="button" onClick={() => void client.call('scale.zero')}>
          {t('devices.zero')}
        </button>
      )}
      {scale.canTare && (
        <button type="button" onClick={() => void client.call('scale.tare')}>
          {t('devices.tare')}
        </button>
      )}
      {scale.protocol === 'virtual' && <VirtualScaleControl />}
    </section>
  );
}
