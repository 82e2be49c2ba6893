import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { PinPad } from '../components/PinPad';
import { useLeadField } from '../screen';
import { refusalText } from '../refusalText';

type Reasons = { override: string[]; hold: string[]; partial: string[] };
const list = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Warehouse mode: an admin changes the tolerances and reasons of every bench (audited in the warehouse). */
export function RulesEditor(props: {
  weight: { toleranceGrams: number; tolerancePercent: number };
  reasons: Reasons;
  saved: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [grams, setGrams] = useState(String(props.weight.toleranceGrams));
  const [percent, setPercent] = useState(String(props.weight.tolerancePercent));
  const [reasons, setReasons] = useState({
    override: props.reasons.override.join(', '),
    hold: props.reasons.hold.join(', '),
    partial: props.reasons.partial.join(', '),
  });
  const [json, setJson] = useState({ inserts: '', carrierRules: '', boxTypes: '' });
  const [admin, setAdmin] = useLeadField(open);
  const [error, setError] = useState<string | null>(null);
  const save = async (pin: string) => {
    try {
      await client.call('settings.update', {
        key: 'weight',
        value: { toleranceGrams: Number(grams), tolerancePercent: Number(percent) },
        admin,
        pin,
      });
      await client.call('settings.update', {
        key: 'reasons',
        value: { override: list(reasons.override), hold: list(reasons.hold), partial: list(reasons.partial) },
        admin,
        pin,
      });
      // The sections kept as JSON (as in the config file): sent only when filled in.
      for (const key of ['inserts', 'carrierRules', 'boxTypes'] as const) {
        if (!json[key].trim()) continue;
        let value: unknown;
        try {
          value = JSON.parse(json[key]);
        } catch {
          throw new Error(t('settings.notJson', { what: t(`settings.json.${key}`) }));
        }
        await client.call('settings.update', { key, value, admin, pin });
      }
      setOpen(false);
      setError(null);
      props.saved();
    } catch (e) {
      setError(refusalText(t, e));
    }
  };
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('settings.editRules')}
      </button>
    );
  return (
    <div role="dialog" aria-label={t('settings.editRules')} className="dialog">
      <h3>{t('settings.editRules')}</h3>
      <label className="field">
        {t('settings.toleranceGrams')}
        <input inputMode="numeric" value={grams} onChange={(e) => setGrams(e.target.value)} />
      </label>
      <label className="field">
        {t('settings.tolerancePercent')}
        <input inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />
      </label>
      {(['override', 'hold', 'partial'] as const).map((k) => (
        <label key={k} className="field">
          {t(`settings.reason.${k}`)}
          <input value={reasons[k]} onChange={(e) => setReasons({ ...reasons, [k]: e.target.value })} />
        </label>
      ))}
      {(['inserts', 'carrierRules', 'boxTypes'] as const).map((k) => (
        <label key={k} className="field">
          {t(`settings.json.${k}`)}
          <textarea
            rows={2}
            value={json[k]}
            placeholder={t('settings.jsonUnchanged')}
            onChange={(e) => setJson({ ...json, [k]: e.target.value })}
          />
        </label>
      ))}
      <label className="field">
        {t('settings.admin')}
        <input value={admin} onChange={(e) => setAdmin(e.target.value)} autoComplete="off" />
      </label>
      <PinPad submitLabel={t('settings.saveRules')} onSubmit={(pin) => void save(pin)} />
      <button type="button" onClick={() => setOpen(false)}>
        {t('pack.cancel')}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
