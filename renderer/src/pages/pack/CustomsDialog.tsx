import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../client';
import { LeadDialog } from '../../components/LeadDialog';
import { refusalText } from '../../refusalText';
import { customsText } from '../../words';

type Declaration = Awaited<ReturnType<typeof loadDeclaration>>;
type Line = Declaration['lines'][number];

const loadDeclaration = (orderNo: string) => client.call('customs.declaration', { orderNo });
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * 跨境: the open box's declaration as it stands, line by line, with what blocks it; a lead corrects it here (name or
 * badge and PIN) and the box is booked again at once. Every change is audited at the station.
 */
export function CustomsDialog({ orderNo, onClose }: { orderNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Declaration | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadDeclaration(orderNo).then(setD, (e: Error) => setError(refusalText(t, e)));
  }, [orderNo, t]);
  const line = (i: number, patch: Partial<Line>) =>
    setD((x) => (x ? { ...x, lines: x.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) } : x));
  const text = (v: string | null) => v ?? '';
  return (
    <LeadDialog
      title={t('customs.title', { orderNo })}
      submitLabel={t('customs.save')}
      onClose={onClose}
      onSubmit={(lead, pin) =>
        d
          ? client.call('customs.fix', {
              orderNo,
              country: d.country,
              incoterm: d.incoterm === 'DDU' || d.incoterm === 'DDP' ? d.incoterm : null,
              buyerTaxId: orNull(text(d.buyerTaxId)),
              ioss: orNull(text(d.ioss)),
              lines: d.lines.map(({ name: _n, qty: _q, ...l }) => ({
                ...l,
                hsCode: orNull(text(l.hsCode)),
                nameEn: orNull(text(l.nameEn)),
                nameZh: orNull(text(l.nameZh)),
                originCountry: orNull(text(l.originCountry)),
                dangerousGoods: orNull(text(l.dangerousGoods)),
                currency: orNull(text(l.currency)),
              })),
              lead,
              pin,
            })
          : Promise.reject(new Error(error ?? ''))
      }
    >
      {error && <p role="alert">{error}</p>}
      {d && (
        <div className="customs-form" data-testid="customs-form">
          {d.problems && (
            <p className="customs-problems" data-testid="customs-problems">
              {customsText(t, d.problems)}
            </p>
          )}
          <div className="customs-order">
            <label className="field">
              {t('customs.country')}
              <input
                value={d.country}
                size={3}
                onChange={(e) => setD({ ...d, country: e.target.value.toUpperCase() })}
              />
            </label>
            <label className="field">
              {t('customs.incoterm')}
              <select
                value={d.incoterm ?? ''}
                onChange={(e) => setD({ ...d, incoterm: orNull(e.target.value) })}
              >
                <option value="">—</option>
                <option value="DDU">{t('customs.DDU')}</option>
                <option value="DDP">{t('customs.DDP')}</option>
              </select>
            </label>
            <label className="field">
              {t('customs.buyerTaxId')}
              <input
                value={text(d.buyerTaxId)}
                size={12}
                onChange={(e) => setD({ ...d, buyerTaxId: e.target.value })}
              />
            </label>
            <label className="field">
              {t('customs.ioss')}
              <input value={text(d.ioss)} size={12} onChange={(e) => setD({ ...d, ioss: e.target.value })} />
            </label>
          </div>
          <table className="customs-lines">
            <thead>
              <tr>
                <th>{t('customs.item')}</th>
                <th>{t('customs.hsCode')}</th>
                <th>{t('customs.nameEn')}</th>
                <th>{t('customs.origin')}</th>
                <th>{t('customs.value')}</th>
                <th>{t('customs.currency')}</th>
                <th>{t('customs.dangerous')}</th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l, i) => (
                <tr key={l.sku} data-testid={`customs-line-${l.sku}`}>
                  <td>
                    {l.name} × {l.qty}
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.hsCode')}
                      value={text(l.hsCode)}
                      size={8}
                      onChange={(e) => line(i, { hsCode: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.nameEn')}
                      value={text(l.nameEn)}
                      size={11}
                      onChange={(e) => line(i, { nameEn: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.origin')}
                      value={text(l.originCountry)}
                      size={3}
                      onChange={(e) => line(i, { originCountry: e.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.value')}
                      type="number"
                      step="0.01"
                      min="0"
                      value={l.value ?? ''}
                      onChange={(e) =>
                        line(i, { value: e.target.value === '' ? null : Number(e.target.value) })
                      }
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.currency')}
                      value={text(l.currency)}
                      size={3}
                      onChange={(e) => line(i, { currency: e.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('customs.dangerous')}
                      value={text(l.dangerousGoods)}
                      size={6}
                      onChange={(e) => line(i, { dangerousGoods: e.target.value })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </LeadDialog>
  );
}
