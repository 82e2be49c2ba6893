import { useTranslation } from 'react-i18next';
import { setLocale, type AppLocale } from '../i18n';
import type { StationView } from '../useStation';

export function SettingsPage({ view }: { view: StationView }) {
  const { t, i18n } = useTranslation();
  const info = view.info;
  return (
    <section aria-labelledby="settings-heading" className="page">
      <h1 id="settings-heading">{t('settings.heading')}</h1>
      <label className="field">
        {t('settings.language')}
        <select value={i18n.language} onChange={(e) => setLocale(e.target.value as AppLocale)}>
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
      </dl>
    </section>
  );
}
