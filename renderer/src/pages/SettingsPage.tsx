import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { chooseLocale, type AppLocale } from '../i18n';
import type { StationView } from '../useStation';
import { CommandSheet } from './CommandSheet';
import { RulesEditor } from './RulesEditor';
import { carrierName } from '../words';
import { LeadDialog } from '../components/LeadDialog';

type Settings = Awaited<ReturnType<typeof client.call<'settings.get'>>>;

/** Language, the bench's rules as configured, and the command barcode sheet. */
export function SettingsPage({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  const info = view.info;
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => void client.call('settings.get').then(setSettings), []);
  const money = (cents: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' }).format(cents / 100);
  const insertRule = (i: Settings['inserts'][number]) =>
    [
      i.whenSku && t('settings.insertSku', { sku: i.whenSku }),
      i.whenShop && t('settings.insertShop', { shop: i.whenShop }),
      i.minOrderValueCents !== null && t('settings.insertMinValue', { value: money(i.minOrderValueCents) }),
    ]
      .filter(Boolean)
      .join(', ') || t('settings.everyOrder');
  return (
    <section aria-labelledby="settings-heading" className="page">
      <h1 id="settings-heading">{t('settings.heading')}</h1>
      <label className="field">
        {t('settings.language')}
        <select value={i18n.language} onChange={(e) => chooseLocale(e.target.value as AppLocale)}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <dl className="facts">
        <dt>{t('settings.version')}</dt>
        <dd>{info?.version}</dd>
        <dt>{t('settings.configSource')}</dt>
        <dd>
          {info ? t(`settings.source.${info.configSource.kind}`) : ''} {info?.configSource.path ?? ''}
        </dd>
        {settings && (
          <>
            <dt>{t('settings.tolerance')}</dt>
            <dd>{t('settings.toleranceValue', settings.weight)}</dd>
            <dt>{t('settings.reasons')}</dt>
            <dd>
              {(['override', 'hold', 'partial'] as const).map((k) => (
                <div key={k}>
                  {t(`settings.reason.${k}`)}:{' '}
                  {settings.reasons[k].map((r) => t(`reasons.${r}`, { defaultValue: r })).join(', ')}
                </div>
              ))}
            </dd>
            <dt>{t('settings.inserts')}</dt>
            <dd>
              {settings.inserts.length
                ? settings.inserts
                    .map((i) => `${i.name} (${insertRule(i)}${i.barcode ? `, ${i.barcode}` : ''})`)
                    .join('; ')
                : '—'}
            </dd>
            <dt>{t('settings.carriers')}</dt>
            <dd>
              {settings.carriers.map((c) => (
                <div key={c.name}>
                  {carrierName(t, c.name)}
                  {c.name === settings.defaultCarrier ? ' ★' : ''}:{' '}
                  {c.price
                    ? t('settings.priceRule', {
                        first: money(c.price.firstCents),
                        extra: money(c.price.extraPerKgCents),
                      })
                    : t('settings.noPriceTable')}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      {settings && info?.warehouse && (
        <RulesEditor
          weight={settings.weight}
          reasons={settings.reasons}
          saved={() => void client.call('settings.get').then(setSettings)}
        />
      )}
      <p className="pending">{t('settings.editHint')}</p>
      {settings && <CommandSheet reasons={settings.reasons} />}
      {info?.desktop && <CloseApp />}
    </section>
  );
}

/** The desktop app closes here, by an admin: a kiosk bench has no other way out, and a box open keeps the window. */
function CloseApp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="close-app-heading">
      <h2 id="close-app-heading">{t('settings.closeAppHeading')}</h2>
      <button type="button" onClick={() => setOpen(true)}>
        {t('settings.closeApp')}
      </button>
      {open && (
        <LeadDialog
          title={t('settings.closeApp')}
          submitLabel={t('settings.closeAppSubmit')}
          onSubmit={(admin, pin) => client.call('app.quit', { admin, pin })}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}
