import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/contract';
import { client, uploadFile } from '../client';
import { OrderSearch } from './OrderSearch';
import { refusalText } from '../refusalText';

/** Import of orders and products from the platform's CSV/XLSX export. */
export function OrdersPage({ revision }: { revision?: number }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = (kind: 'orders' | 'products') => async (e: { target: HTMLInputElement }) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setReport(null);
    setError(null);
    try {
      const uploadId = await uploadFile(file);
      setReport(await client.call('import.file', { kind, fileName: file.name, uploadId }));
    } catch (err) {
      setError(refusalText(t, err));
    }
    e.target.value = '';
  };
  return (
    <section aria-labelledby="orders-heading" className="page">
      <h1 id="orders-heading">{t('orders.heading')}</h1>
      <div className="imports">
        <label className="field">
          {t('orders.importProducts')}
          <input type="file" accept=".csv,.xlsx,.txt" onChange={(e) => void upload('products')(e)} />
        </label>
        <label className="field">
          {t('orders.importOrders')}
          <input type="file" accept=".csv,.xlsx,.txt" onChange={(e) => void upload('orders')(e)} />
        </label>
      </div>
      {error && <p role="alert">{t('orders.failed', { message: error })}</p>}
      {report && (
        <div role="status" className="import-report">
          {report.committed ? (
            <p>{t('orders.report', { ...report })}</p>
          ) : (
            <>
              <p>{t('orders.refused')}</p>
              <ul>
                {report.refused.map((r) => (
                  <li key={`${r.line}-${r.reason}`}>{t('orders.line', r)}</li>
                ))}
              </ul>
            </>
          )}
          {report.warnings.length > 0 && (
            <>
              <p>{t('orders.warnings')}</p>
              <ul>
                {report.warnings.map((w) => (
                  <li key={`${w.line}-${w.reason}`}>{t('orders.line', w)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <OrderSearch revision={revision} />
    </section>
  );
}
