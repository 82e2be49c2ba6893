import { useTranslation } from 'react-i18next';
import type { BoxView } from '../../../../shared/contract';
import { grams } from '../../words';

/**
 * An order in several cartons (一单多包): one chip per carton (what is in it, its weight, box, number and label), the
 * open one outlined, and what is still to pack across them. Nothing shows while the order is in one carton.
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
            {c.grams !== null && ` · ${grams(t, c.grams)}`}
            {c.packageName && ` · ${c.packageName}`}
            {c.waybillNo && <span className="code"> · {c.waybillNo}</span>}
            {c.labelScanned && ` · ✓ ${t('pack.cartonLabel')}`}
            <small>
              {c.items.length > 0
                ? c.items.map((i) => `${i.name} ×${i.qty}`).join('; ')
                : t('pack.cartonEmpty')}
            </small>
          </li>
        ))}
        {missing.length > 0 && (
          <li className="carton carton-missing" data-testid="still-missing">
            {t('pack.stillMissing', {
              items: missing.map((l) => `${l.name} ×${l.required - l.scanned}`).join('; '),
            })}
          </li>
        )}
      </ol>
    </section>
  );
}
