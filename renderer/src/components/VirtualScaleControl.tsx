import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';

/** Training: put a weight on the virtual scale, or lift the box. */
export function VirtualScaleControl() {
  const { t } = useTranslation();
  const [grams, setGrams] = useState('1000');
  return (
    <div className="virtual-scale">
      <label className="field">
        {t('devices.virtualWeight')}
        <input
          inputMode="numeric"
          value={grams}
          onChange={(e) => setGrams(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <button
        type="button"
        onClick={() => void client.call('scale.setVirtual', { grams: Number(grams || 0) })}
      >
        {t('devices.setWeight')}
      </button>
      <button type="button" onClick={() => void client.call('scale.setVirtual', { grams: 0 })}>
        {t('devices.lift')}
      </button>
    </div>
  );
}
