import { useTranslation } from 'react-i18next';
import type { StationView } from '../useStation';

export function PackPage({ view }: { view: StationView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="pack-heading" className="page pack">
      <h1 id="pack-heading">{t('pack.heading')}</h1>
      <p className="next-action" role="status">
        {view.state ? t(`pack.phase.${view.state.phase}`) : t('error.loading')}
      </p>
      <p className="pending">{t('pack.pending')}</p>
    </section>
  );
}
