import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoxView } from '../../../../shared/contract';
import { client } from '../../client';
import { AttentionActions } from './AttentionActions';
import { CustomsDialog } from './CustomsDialog';
import { carrierName, choiceText, customsText } from '../../words';

/** The carrier chosen and why, the booking's state, the waybill and its label; retry and reprint. */
export function ShipmentPanel({ box }: { box: BoxView }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('label-damaged');
  const [fixing, setFixing] = useState(false);
  const s = box.shipment;
  if (!box.weightApproved) return null;
  if (!s && box.customsBlocked)
    return (
      <section className="shipment-panel customs-blocked" aria-label={t('pack.carrier')}>
        <p className="short" data-testid="customs-blocked">
          {t('customs.blocked')}: {customsText(t, box.customsBlocked.problems)}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setFixing(true)}>
            {t('customs.fix')}
          </button>
          <button type="button" onClick={() => void client.call('box.book', {})}>
            {t('pack.retryBooking')}
          </button>
        </div>
        {fixing && <CustomsDialog orderNo={box.orderNo} onClose={() => setFixing(false)} />}
      </section>
    );
  return (
    <section className="shipment-panel" aria-label={t('pack.carrier')}>
      {s ? (
        <dl className="facts">
          <dt>{t('pack.carrier')}</dt>
          {/* Why this carrier is for the lead who asks: on hover, not in the packer's way. */}
          <dd
            data-testid="carrier"
            title={`${t('pack.why')}: ${s.reasons.map((r) => choiceText(t, r)).join('；')}`}
          >
            {carrierName(t, s.carrier)} · {t(`pack.shipmentState.${s.status}`)}
            {s.priceCents !== null && ` · ¥${(s.priceCents / 100).toFixed(2)}`}
          </dd>
          {s.waybillNo && (
            <>
              <dt>{t('pack.waybill')}</dt>
              <dd className="waybill" data-testid="waybill">
                {s.waybillNo} {s.markDestination && <strong>{s.markDestination}</strong>}
              </dd>
              <dt>{t('pack.labelStatus')}</dt>
              <dd data-testid="label-status">{s.label ? t(`pack.labelState.${s.label}`) : '—'}</dd>
            </>
          )}
          {s.failure && (
            <>
              <dt />
              <dd className="short">{s.failure}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>{t('feedback.booking-in-progress')}</p>
      )}
      {s?.status === 'attention' && <AttentionActions carrier={s.carrier} />}
      <div className="actions">
        {s?.status === 'failed' && (
          <button type="button" className="primary" onClick={() => void client.call('box.book', {})}>
            {t('pack.retryBooking')}
          </button>
        )}
        {s?.status === 'booked' && (
          <>
            <select
              aria-label={t('pack.reprintReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            >
              {['label-damaged', 'printer-jam', 'other'].map((r) => (
                <option key={r} value={r}>
                  {t(`reasons.${r}`)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void client.call('printer.reprint', { reason })}>
              {t('pack.reprint')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
