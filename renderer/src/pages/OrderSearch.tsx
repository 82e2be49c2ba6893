import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';
import { LeadDialog } from '../components/LeadDialog';
import { localTime } from '../words';
import { TrackingTimeline } from './TrackingList';

type Row = {
  orderNo: string;
  shop: string | null;
  status: string;
  holdReason: string | null;
  receiver: string | null;
  city: string | null;
  packedAt: string | null;
  packedBy: string | null;
  waybillNo: string | null;
};
const STATUSES = ['released', 'held', 'packing', 'packed', 'partial', 'cancelled'] as const;

/** Find an order by number, receiver, waybill or tote; see its status; a lead releases a hold. */
export function OrderSearch({ revision }: { revision: number | undefined }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [data, setData] = useState<{ total: number; rows: Row[] }>({ total: 0, rows: [] });
  const [releasing, setReleasing] = useState<string | null>(null);
  const [tracking, setTracking] = useState<string | null>(null);
  const load = () =>
    void client
      .call('order.search', {
        ...(text ? { text } : {}),
        ...(status ? { status: status as (typeof STATUSES)[number] } : {}),
        limit: 50,
        offset: 0,
      })
      .then(setData);
  useEffect(load, [text, status, revision]);
  return (
    <section aria-labelledby="order-search-heading">
      <h2 id="order-search-heading">{t('orders.search')}</h2>
      <div className="filters">
        <label>
          {t('orders.searchText')} <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          {t('orders.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('mismatches.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orders.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p>{t('mismatches.total', { count: data.total })}</p>
      <table className="grid" aria-label={t('orders.search')}>
        <tbody>
          {data.rows.map((o) => (
            <tr key={o.orderNo}>
              <td>{o.orderNo}</td>
              <td>{o.shop}</td>
              <td>
                {o.receiver} {o.city}
              </td>
              <td>
                {t(`orders.state.${o.status}`)}
                {o.holdReason && ` · ${o.holdReason}`}
                {o.packedAt && ` · ${localTime(i18n.language, o.packedAt)} ${o.packedBy ?? ''}`}
              </td>
              <td>
                {o.waybillNo && (
                  <button
                    type="button"
                    onClick={() =>
                      void client.call('printer.reprint', {
                        reason: 'label-damaged',
                        waybillNo: o.waybillNo!,
                      })
                    }
                  >
                    {t('pack.reprint')} {o.waybillNo}
                  </button>
                )}
                {o.waybillNo && (o.status === 'packed' || o.status === 'partial') && (
                  <button
                    type="button"
                    onClick={() => setTracking(tracking === o.orderNo ? null : o.orderNo)}
                  >
                    {t('tracking.show')}
                  </button>
                )}
                {tracking === o.orderNo && <TrackingTimeline orderNo={o.orderNo} />}
                {o.status === 'held' && (
                  <button type="button" onClick={() => setReleasing(o.orderNo)}>
                    {t('orders.release')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {releasing && (
        <LeadDialog
          title={`${t('orders.release')} ${releasing}`}
          submitLabel={t('orders.release')}
          onSubmit={(lead, pin) => client.call('order.release', { orderNo: releasing, lead, pin }).then(load)}
          onClose={() => setReleasing(null)}
        />
      )}
    </section>
  );
}
