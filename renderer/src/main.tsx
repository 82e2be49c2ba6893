import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AdoptScreen } from './AdoptScreen';
import { initI18n } from './i18n';
import './styles.css';

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The desktop app's first start with only an older per-user database (electron/main/adopt.ts). */}
    {location.hash === '#/adopt' ? <AdoptScreen /> : <App />}
  </StrictMode>,
);
