import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from './client';
import { PinPad } from './components/PinPad';
import { refusalText } from './refusalText';

/**
 * The installed bench's first start found only a Windows user's older database: a shift lead of that database moves it
 * into the machine's data folder (one database for every Windows user), and Packbench starts again on it.
 */
export function AdoptScreen() {
  const { t } = useTranslation();
  const [lead, setLead] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  return (
    <main className="page adopt">
      <h1>{t('adopt.heading')}</h1>
      <p>{t('adopt.why')}</p>
      {!done && (
        <>
          <label className="field">
            {t('pack.lead')}{' '}
            <input value={lead} onChange={(e) => setLead(e.target.value)} autoComplete="off" />
          </label>
          <PinPad
            submitLabel={t('adopt.move')}
            onSubmit={(pin) =>
              void client.call('database.adopt', { lead, pin }).then(
                (r) => (setDone(true), setMessage(t('adopt.moved', { to: r.to }))),
                (e: unknown) => setMessage(refusalText(t, e)),
              )
            }
          />
        </>
      )}
      {message && (
        <p role="status" data-testid="adopt-message">
          {message}
        </p>
      )}
    </main>
  );
}
