import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chosenLocale, setLocale } from './i18n';
import { DevicesPage } from './pages/DevicesPage';
import { MismatchesPage } from './pages/MismatchesPage';
import { OrdersPage } from './pages/OrdersPage';
import { HandoverPage } from './pages/HandoverPage';
import { BenchesPage } from './pages/BenchesPage';
import { PackPage } from './pages/pack/PackPage';
import { client } from './client';
import { useWedge } from './scan/useWedge';
import { SettingsPage } from './pages/SettingsPage';
import { StatusBar } from './StatusBar';
import { useStation } from './useStation';
import { showPage } from './screen';
import { SCREEN_PAGES, type ScreenPage } from '../../shared/contract';

export const PAGES = SCREEN_PAGES;
export type PageName = ScreenPage;

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
  // The station routes every scan; the page says what it shows (and the router reads that), nothing more.
  useEffect(() => showPage(page), [page]);
  const wedge = view.info?.wedge;
  useWedge(
    (code) => {
      performance.mark('packbench:scan-sent');
      void client.call('scan.submit', { code, scanner: 'wedge' });
    },
    wedge
      ? {
          avgMsPerChar: wedge.avgMsPerChar,
          maxGapMs: wedge.maxGapMs,
          minLength: wedge.minLength,
          ...(wedge.prefix ? { prefix: wedge.prefix } : {}),
        }
      : {},
  );
  const configured = view.info?.locale;
  useEffect(() => {
    // The configured language, unless someone chose one on this bench's Settings page.
    if (configured) setLocale(chosenLocale() ?? configured);
  }, [configured]);

  return (
    <div className="shell">
      <nav aria-label={t('app.nav')} className="nav">
        <span className="brand">{t('app.title')}</span>
        {PAGES.filter((p) => p !== 'benches' || view.info?.warehouse).map((p) => (
          <a key={p} href={`#/${p}`} aria-current={p === page ? 'page' : undefined}>
            {t(`nav.${p}`)}
          </a>
        ))}
      </nav>
      <main className="content">
        {page === 'pack' && <PackPage view={view} />}
        {page === 'devices' && <DevicesPage view={view} />}
        {page === 'settings' && <SettingsPage view={view} />}
        {page === 'mismatches' && (
          <MismatchesPage written={view.state?.mismatches} warehouse={view.info?.warehouse ?? false} />
        )}
        {page === 'orders' && <OrdersPage revision={view.state?.revision} />}
        {page === 'handover' && <HandoverPage view={view} />}
        {page === 'benches' && <BenchesPage view={view} />}
      </main>
      <StatusBar view={view} />
    </div>
  );
}
