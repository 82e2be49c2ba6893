import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLocale } from './i18n';
import { DevicesPage } from './pages/DevicesPage';
import { MismatchesPage } from './pages/MismatchesPage';
import { OrdersPage } from './pages/OrdersPage';
import { HandoverPage, HANDOVER_SCAN } from './pages/HandoverPage';
import { PackPage } from './pages/pack/PackPage';
import { client } from './client';
import { useWedge } from './scan/useWedge';
import { SettingsPage } from './pages/SettingsPage';
import { StatusBar } from './StatusBar';
import { useStation } from './useStation';

export const PAGES = ['pack', 'mismatches', 'orders', 'handover', 'devices', 'settings'] as const;
export type PageName = (typeof PAGES)[number];

const pageFromHash = (): PageName => {
  const name = location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as PageName) : 'pack';
};

export function App() {
  const { t } = useTranslation();
  const view = useStation();
  const [page, setPage] = useState<PageName>(pageFromHash);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // A scan from any page goes to the pack workflow; its verdict shows on the Pack page and in the status bar.
  const wedge = view.info?.wedge;
  const pageRef = useRef(page);
  pageRef.current = page;
  useWedge(
    (code) => {
      performance.mark('packbench:scan-sent');
      // On the Handover page a scan loads a box onto the batch; everywhere else it goes to the pack workflow.
      if (pageRef.current === 'handover') {
        void client.call('handover.scan', { code }).then(
          (r) => window.dispatchEvent(new CustomEvent(HANDOVER_SCAN, { detail: r })),
          (e: Error) =>
            window.dispatchEvent(
              new CustomEvent(HANDOVER_SCAN, { detail: { result: 'refused', detail: e.message, count: 0 } }),
            ),
        );
        return;
      }
      void client.call('scan.submit', { code, scanner: 'wedge' });
    },
    wedge
      ? {
          avgMsPerChar: wedge.avgMsPerChar,
          minLength: wedge.minLength,
          ...(wedge.prefix ? { prefix: wedge.prefix } : {}),
        }
      : {},
  );
  const configured = view.info?.locale;
  useEffect(() => {
    if (configured) setLocale(configured);
  }, [configured]);

  return (
    <div className="shell">
      <nav aria-label={t('app.nav')} className="nav">
        <span className="brand">{t('app.title')}</span>
        {PAGES.map((p) => (
          <a key={p} href={`#/${p}`} aria-current={p === page ? 'page' : undefined}>
            {t(`nav.${p}`)}
          </a>
        ))}
      </nav>
      <main className="content">
        {page === 'pack' && <PackPage view={view} />}
        {page === 'devices' && <DevicesPage view={view} />}
        {page === 'settings' && <SettingsPage view={view} />}
        {page === 'mismatches' && <MismatchesPage view={view} />}
        {page === 'orders' && <OrdersPage revision={view.state?.revision} />}
        {page === 'handover' && <HandoverPage view={view} />}
      </main>
      <StatusBar view={view} />
    </div>
  );
}
