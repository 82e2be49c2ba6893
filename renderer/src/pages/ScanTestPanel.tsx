import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationState } from '../../../shared/contract';
import { client } from '../client';

/** "Scan something": while on, any scanner's scan is shown here with its symbology instead of being packed. */
export function ScanTestPanel({ state }: { state: StationState | null }) {
  const { t } = useTranslation();
  const test = state?.scanTest;
  // Leaving the page ends the test, so the bench never stays in test mode by accident.
  useEffect(() => () => void client.call('scanner.test', { active: false }), []);
  return (
    <section className="scan-test" aria-labelledby="scan-test-heading">
      <h2 id="scan-test-heading">{t('devices.scanTest')}</h2>
      <p className="pending">{t('devices.scanTestHint')}</p>
      <button
        type="button"
        className={test?.active ? '' : 'primary'}
        onClick={() => void client.call('scanner.test', { active: !test?.active })}
      >
        {test?.active ? t('devices.scanTestStop') : t('devices.scanTestStart')}
      </button>
      {test?.active && (
        <dl className="facts" aria-label={t('devices.scanTestLast')}>
          <dt>{t('devices.code')}</dt>
          <dd data-testid="test-code">{test.last?.code ?? t('devices.none')}</dd>
          <dt>{t('devices.symbology')}</dt>
          <dd data-testid="test-symbology">
            {test.last ? (test.last.symbology ?? t('devices.unknownSymbology')) : ''}
          </dd>
          <dt>{t('devices.scanner')}</dt>
          <dd>{test.last?.scanner ?? ''}</dd>
        </dl>
      )}
    </section>
  );
}
