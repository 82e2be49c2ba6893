import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MismatchView } from '../../../shared/contract';
import { MISMATCH_TYPES } from '../../../shared/verify';
import { client } from '../client';
import { MismatchCharts } from './MismatchCharts';
import { MismatchDetail } from './MismatchDetail';
import { localTime, mismatchText } from '../words';
import { DayField } from '../components/DayField';
import { useReviewTick } from '../useReviewTick';
import { saveFile } from '../saveFile';
import { refusalText } from '../refusalText';

const exportFilter = (f: Filter) =>
  Object.fromEntries(
    Object.entries(f).filter(([k, v]) => v !== '' && ['from', 'to', 'packer', 'sku', 'type'].includes(k)),
  ) as Record<string, string>;

const PAGE = 25;

interface Page {
  start: number;
  after?: { at: string; id: number };
  before?: { at: string; id: number };
}
const TYPES = MISMATCH_TYPES;

interface Filter {
  from: string;
  to: string;
  type: string;
  packer: string;
  sku: string;
  station: string;
  resolved: '' | 'yes' | 'no';
}

async function download(format: 'csv' | 'xlsx', filter: Record<string, string>) {
  const { fileName, contentBase64 } = await client.call('mismatch.export', { format, ...filter });
  saveFile(fileName, contentBase64);
}

/**
 * The shift lead's review of packing exceptions: filter, page, resolve with a comment. It takes only the count of
 * mismatches written and whether this is a warehouse, so a scan's state push does not redraw it: the packer scans
 * while a lead reads.
 */
export const MismatchesPage = memo(function MismatchesPage({
  written,
  warehouse,
}: {
  written: number | undefined;
  warehouse: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>({
    from: '',
    to: '',
    type: '',
    packer: '',
    sku: '',
    station: '',
    resolved: '',
  });
  const [open, setOpen] = useState<MismatchView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Keyset paging: a page is read from the row it follows (or precedes), never counted off with OFFSET; `start` is
  // only for the pager's arithmetic.
  const [page, setPage] = useState<Page>({ start: 0 });
  const [data, setData] = useState<{ total: number; rows: MismatchView[] }>({ total: 0, rows: [] });
  // Reloaded when mismatches change (coalesced), not on every state push: see useReviewTick.
  const revision = useReviewTick(written, warehouse);
  // The total is counted when the filter or the log changes, not at every page turn.
  const counted = useRef('');

  const load = useCallback(() => {
    const f = Object.fromEntries(Object.entries(filter).filter(([k, v]) => v !== '' && k !== 'resolved'));
    const resolved = filter.resolved === '' ? {} : { resolved: filter.resolved === 'yes' };
    const key = JSON.stringify([filter, revision]);
    const count = counted.current !== key;
    const cursor = page.after ? { after: page.after } : page.before ? { before: page.before } : {};
    // A failed load keeps the rows shown; the next change tries again.
    client.call('mismatch.list', { ...f, ...resolved, ...cursor, limit: PAGE, count }).then(
      (r) => {
        if (count) counted.current = key;
        setData((d) => ({ total: r.total ?? d.total, rows: r.rows }));
      },
      () => undefined,
    );
  }, [filter, page, revision]);
  useEffect(load, [load]);

  const set = (k: keyof Filter) => (e: { target: { value: string } }) => {
    setPage({ start: 0 });
    setFilter((f) => ({ ...f, [k]: e.target.value }));
  };
  const cursorOf = (m: MismatchView) => ({ at: m.at, id: m.id });
  return (
    <section aria-labelledby="mismatches-heading" className="page">
      <h1 id="mismatches-heading">{t('mismatches.heading')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <DayField
          label={t('mismatches.from')}
          value={filter.from}
          onChange={(v) => set('from')({ target: { value: v } })}
        />
        <DayField
          label={t('mismatches.to')}
          value={filter.to}
          onChange={(v) => set('to')({ target: { value: v } })}
        />
        <label>
          {t('mismatches.type')}
          <select value={filter.type} onChange={set('type')}>
            <option value="">{t('mismatches.any')}</option>
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`mismatchType.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mismatches.packer')} <input value={filter.packer} onChange={set('packer')} />
        </label>
        <label>
          {t('mismatches.sku')} <input value={filter.sku} onChange={set('sku')} />
        </label>
        <label>
          {t('mismatches.station')} <input value={filter.station} onChange={set('station')} />
        </label>
        <label>
          {t('mismatches.resolved')}
          <select value={filter.resolved} onChange={set('resolved')}>
            <option value="">{t('mismatches.any')}</option>
            <option value="yes">{t('mismatches.yes')}</option>
            <option value="no">{t('mismatches.no')}</option>
          </select>
        </label>
      </form>
      <p>
        {t('mismatches.total', { count: data.total })}{' '}
        <button
          type="button"
          onClick={() =>
            download('csv', exportFilter(filter)).catch((e: unknown) => setError(refusalText(t, e)))
          }
        >
          {t('mismatches.exportCsv')}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            download('xlsx', exportFilter(filter)).catch((e: unknown) => setError(refusalText(t, e)))
          }
        >
          {t('mismatches.exportXlsx')}
        </button>
      </p>
      <table className="grid" aria-label={t('mismatches.heading')}>
        <thead>
          <tr>
            {[
              'time',
              'type',
              'order',
              'sku',
              'expected',
              'actual',
              'packer',
              'station',
              'resolution',
              'details',
            ].map((c) => (
              <th key={c} scope="col">
                {t(`mismatches.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((m) => (
            <tr key={m.id} data-type={m.type}>
              <td>{localTime(i18n.language, m.at)}</td>
              <td>{t(`mismatchType.${m.type}`, { defaultValue: m.type })}</td>
              <td className="code">{m.orderNo}</td>
              <td className="code">{m.sku}</td>
              <td>{mismatchText(t, m.expected)}</td>
              <td>{mismatchText(t, m.actual)}</td>
              <td className="code">{m.packer}</td>
              <td className="code">{m.stationId}</td>
              <td>{mismatchText(t, m.resolution)}</td>
              <td>
                <button type="button" onClick={() => setOpen(m)}>
                  {m.resolution ? t('mismatches.timeline') : t('mismatches.resolve')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p role="alert">{error}</p>}
      {data.rows.length === 0 && <p>{t('mismatches.none')}</p>}
      {open && <MismatchDetail m={open} onDone={() => (setOpen(null), load())} />}
      <div className="pager">
        <button
          type="button"
          disabled={page.start === 0 || data.rows.length === 0}
          onClick={() =>
            setPage((p) =>
              p.start <= PAGE ? { start: 0 } : { start: p.start - PAGE, before: cursorOf(data.rows[0]!) },
            )
          }
        >
          {t('mismatches.prev')}
        </button>
        <button
          type="button"
          disabled={data.rows.length < PAGE || page.start + PAGE >= data.total}
          onClick={() => setPage((p) => ({ start: p.start + PAGE, after: cursorOf(data.rows.at(-1)!) }))}
        >
          {t('mismatches.next')}
        </button>
      </div>
      {/* The rows first: the charts are for the weekly look back, the table is what a lead works through. */}
      <MismatchCharts from={filter.from} to={filter.to} revision={revision} />
    </section>
  );
});
