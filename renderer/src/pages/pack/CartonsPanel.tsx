import { useTranslation } from 'react-i18next';
import type { BoxView } from '../../../../shared/contract';

/**
 * An order in several cartons (一单多包): each carton with what is in it, its weight and label, the open one marked;
 * and what is still to pack across them. Nothing shows while the order is in one carton.
 */
export function CartonsPanel({ box }: { box: BoxView }) {
  const { t } = useTranslation();
  if (box.cartons.length === 0) return null;
  const of = box.cartons.length;
  const missing = box.lines.filter((l) => l.scanned < l.required);
  return (
    <section className="cartons" aria-label={t('pack.cartons')} data-testid="cartons">
      <ol>
        {box.cartons.map((c) => (
          <li
            key={c.no}
            className={`carton carton-${c.state}${c.no === box.carton ? ' carton-open' : ''}`}
            data-carton={c.no}
            data-state={c.state}
          >
            <strong>{t('pack.cartonOf', { no: c.no, of })}</strong> · {t(`pack.cartonState.${c.state}`)}
            {c.grams !== null && ` · ${c.grams} g`}
            {c.packageName && ` · ${c.packageName}`}
            {c.waybillNo && <span className="code"> · {c.waybillNo}</span>}
            {c.labelScanned && ` · ✓ ${t('pack.cartonLabel')}`}
            <br />
            <small>
              {c.items.length > 0
                ? c.items.map((i) => `${i.name} ×${i.qty}`).join('; ')
                : t('pack.cartonEmpty')}
            </small>
          </li>
        ))}
      </ol>
      {missing.length > 0 && (
        <p className="short" data-testid="still-missing">
          {t('pack.stillMissing', {
            items: missing.map((l) => `${l.name} ×${l.required - l.scanned}`).join('; '),
          })}
        </p>
      )}
    </section>
  );
}
