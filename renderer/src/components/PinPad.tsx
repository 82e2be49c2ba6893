import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A big-button PIN pad: leads approve with gloves on, without a keyboard. The dots empty after each try. */
export function PinPad({
  onSubmit,
  submitLabel,
}: {
  onSubmit: (pin: string) => unknown;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  return (
    <div className="pin-pad" role="group" aria-label={t('pack.pinPad')}>
      <output aria-label={t('pack.pin')} className="pin-dots">
        {'●'.repeat(pin.length) || '\u00a0'}
      </output>
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" onClick={() => setPin((p) => (p + d).slice(0, 8))}>
            {d}
          </button>
        ))}
        <button type="button" onClick={() => setPin('')}>
          {t('pack.clear')}
        </button>
        <button type="button" onClick={() => setPin((p) => (p + '0').slice(0, 8))}>
          0
        </button>
        <button
          type="button"
          className="primary"
          disabled={pin.length < 4}
          onClick={() => void Promise.resolve(onSubmit(pin)).finally(() => setPin(''))}
        >
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
