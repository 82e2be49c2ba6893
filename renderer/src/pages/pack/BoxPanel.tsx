import { useTranslation } from 'react-i18next';
import type { BoxView } from '../../../../shared/contract';
import { client } from '../../client';
import { CartonsPanel } from './CartonsPanel';

export function BoxPanel({ box, verifying }: { box: BoxView; verifying: boolean }) {
  const { t } = useTranslation();
  // Several cartons off the packing step (a carton on the scale, labels): the cartons say what is where, the lines
  // are all in, and the step's controls keep their place in the window.
  const lines = verifying || box.cartons.length === 0;
  return (
    <section className="box-panel" aria-label={t('pack.order')}>
      <div className="order-head">
        <span className="order-label">{t('pack.order')}</span>
        <span className="order-no" data-testid="order-no">
          {box.orderNo}
        </span>
        <span className={`verification v-${box.verification}`}>
          {t(`pack.verification.${box.verification}`)}
        </span>
      </div>
      <p className="order-meta">
        {box.shop && `${t('pack.shop')}: ${box.shop}  `}
        {box.receiverName && `${t('pack.receiver')}: ${box.receiverName} ${box.city ?? ''}  `}
        {box.note && <strong>{`${t('pack.note')}: ${box.note}`}</strong>}
      </p>
      {/* Several cartons: which one is open and what is in each, above the lines (in place of them once all are in). */}
      <CartonsPanel box={box} />
      {box.awaitingSerial && (
        <p className="serial-prompt">{t('pack.serialNeeded', { sku: box.awaitingSerial.sku })}</p>
      )}
      {lines && (
        <div className="lines-wrap">
          <table className="lines" aria-label={t('pack.lines')}>
            <thead>
              <tr>
                <th scope="col">{t('pack.item')}</th>
                <th scope="col">{t('pack.sku')}</th>
                <th scope="col">{t('pack.scanned')}</th>
                <th scope="col">{t('pack.required')}</th>
              </tr>
            </thead>
            <tbody>
              {box.lines.map((l) => (
                <tr
                  key={l.key}
                  className={l.scanned >= l.required ? 'line-done' : l.scanned > 0 ? 'line-partial' : ''}
                  data-sku={l.sku}
                >
                  <td>
                    {l.image && <img src={l.image} alt="" className="thumb" />}
                    {l.name}
                    {l.kit && <small className="kit"> · {t('pack.kitOf', { name: l.kit.name })}</small>}
                  </td>
                  <td>{l.sku}</td>
                  <td className="count" aria-label={`${l.sku} ${t('pack.scanned')}`}>
                    {l.scanned}
                  </td>
                  <td className="count">{l.required}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {lines && box.inserts.length > 0 && (
        <div className="inserts">
          <h3>{t('pack.inserts')}</h3>
          <ul>
            {box.inserts.map((i) => (
              <li key={i.id} className={i.confirmed ? 'line-done' : ''}>
                {i.name}{' '}
                {i.confirmed ? (
                  <span>✓ {t('pack.confirmed')}</span>
                ) : (
                  <button
                    type="button"
                    onClick={() => void client.call('insert.confirm', { insertId: i.id })}
                  >
                    {t('pack.confirmInsert', { name: i.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {box.short.length > 0 && (
        <p className="short">
          {t('pack.short', { items: box.short.map((s) => `${s.sku} ×${s.missing}`).join(', ') })}
        </p>
      )}
    </section>
  );
}
