import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../client';
import { PinPad } from '../../components/PinPad';
import { refusalText } from '../../refusalText';

/** Packers log in by scanning their badge; the name + PIN pad is for a forgotten badge. */
export function LoginPanel() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<{ name: string; role: string }[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('user.list').then((list) => {
      setUsers(list);
      setName((n) => n || list[0]?.name || '');
    });
  }, []);
  return (
    <section className="login-panel" aria-label={t('pack.loginWithPin')}>
      <h2>{t('pack.loginWithPin')}</h2>
      <label className="field">
        {t('pack.name')}
        <select value={name} onChange={(e) => setName(e.target.value)}>
          {users.map((u) => (
            <option key={u.name} value={u.name}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <PinPad
        submitLabel={t('pack.login')}
        onSubmit={(pin) =>
          client.call('user.login', { name, pin }).then(
            () => setError(null),
            (err: Error) => setError(refusalText(t, err)),
          )
        }
      />
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
