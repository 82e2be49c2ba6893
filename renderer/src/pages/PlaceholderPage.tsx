import { useTranslation } from 'react-i18next';

/** A page whose capability arrives with a later part of Packbench; it says so plainly. */
export function PlaceholderPage({ page }: { page: 'handover' }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${page}-heading`} className="page">
      <h1 id={`${page}-heading`}>{t(`nav.${page}`)}</h1>
      <p className="pending">{t(`placeholder.${page}`)}</p>
    </section>
  );
}
