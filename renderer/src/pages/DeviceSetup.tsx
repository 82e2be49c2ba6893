import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCALE_PROTOCOLS, type ScaleProtocol } from '../../../shared/devices';
import { client } from '../client';
import { LeadDialog } from '../components/LeadDialog';
import { refusalText } from '../refusalText';
import { grams } from '../words';

type Inventory = Awaited<ReturnType<typeof client.call<'setup.inventory'>>>;
type Language = 'zpl' | 'tspl' | 'epl' | 'escpos' | 'pdf';
const LANGUAGES: Language[] = ['zpl', 'tspl', 'epl', 'escpos', 'pdf'];

/**
 * IT sets the bench's devices up here instead of guessing COM names in JSON: what the machine has, the scale found and
 * read on a port, a test label on a printer, and the choice written to the config file (an admin; used after a restart).
 */
export function DeviceSetup() {
  const { t } = useTranslation();
  const [inventory, setInventory] = useState<Inventory | null>(null);
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<ScaleProtocol | ''>('');
  const [reading, setReading] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [uri, setUri] = useState('');
  const [language, setLanguage] = useState<Language>('zpl');
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const say = (p: Promise<unknown>, ok: (r: never) => string) =>
    p.then(
      (r) => setMessage(ok(r as never)),
      (e: unknown) => setMessage(refusalText(t, e)),
    );

  // The live reading: asked again as soon as the last answer came, while IT watches it.
  useEffect(() => {
    if (!live || !port || !protocol) return;
    let on = true;
    const next = () =>
      client.call('setup.readScale', { port, protocol }).then(
        (r) => {
          if (!on) return;
          setReading(
            r
              ? `${grams(t, r.grams)}${r.stable === false ? ` · ${t('setup.moving')}` : ''}`
              : t('setup.noReading'),
          );
          void next();
        },
        (e: unknown) => on && (setReading(refusalText(t, e)), setLive(false)),
      );
    void next();
    return () => void (on = false);
  }, [live, port, protocol, t]);

  return (
    <section aria-labelledby="setup-heading" className="setup">
      <h2 id="setup-heading">{t('setup.heading')}</h2>
      <button type="button" onClick={() => void client.call('setup.inventory').then(setInventory)}>
        {t('setup.list')}
      </button>
      {inventory && (
        <div className="setup-lists">
          <p>{t('setup.configFile', { file: inventory.configFile })}</p>
          <h3>{t('setup.serialPorts')}</h3>
          {inventory.serialPorts.length === 0 && <p>{t('setup.none')}</p>}
          <ul>
            {inventory.serialPorts.map((p) => (
              <li key={p.path}>
                <button type="button" onClick={() => setPort(p.path)}>
                  {p.path}
                </button>{' '}
                {[p.manufacturer, p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null]
                  .filter(Boolean)
                  .join(' · ')}
              </li>
            ))}
          </ul>
          <h3>{t('setup.usb')}</h3>
          {inventory.usb.length === 0 && <p>{t('setup.none')}</p>}
          <ul>
            {inventory.usb.map((d) => (
              <li key={`${d.vendorId}:${d.productId}`}>
                {d.manufacturer} {d.name} {d.vendorId.toString(16).padStart(4, '0')}:
                {d.productId.toString(16).padStart(4, '0')} {d.hid ? t('setup.hid') : ''}
              </li>
            ))}
          </ul>
          <h3>{t('setup.printers')}</h3>
          {inventory.printers.length === 0 && <p>{t('setup.none')}</p>}
          <ul>
            {inventory.printers.map((p) => (
              <li key={p.name}>
                <button type="button" onClick={() => setUri(`spooler:${p.name}`)}>
                  {p.name}
                </button>{' '}
                {p.port}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="setup-scale">
        <label className="field">
          {t('setup.port')} <input value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!port}
          onClick={() =>
            void say(
              client.call('setup.detectScale', { port }).then((r) => {
                if (r.use) setProtocol(r.use);
                return r;
              }),
              (r: { use: string | null }) =>
                r.use ? t('setup.found', { protocol: r.use }) : t('setup.notFound'),
            )
          }
        >
          {t('setup.detect')}
        </button>
        <label className="field">
          {t('setup.protocol')}
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as ScaleProtocol)}>
            <option value="">-</option>
            {SCALE_PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!port || !protocol} onClick={() => setLive((l) => !l)}>
          {live ? t('setup.stopReading') : t('setup.read')}
        </button>
        {reading && <output data-testid="setup-reading">{reading}</output>}
      </div>
      <div className="setup-printer">
        <label className="field">
          {t('setup.printerUri')} <input value={uri} onChange={(e) => setUri(e.target.value)} />
        </label>
        <label className="field">
          {t('setup.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!uri}
          onClick={() =>
            void say(client.call('setup.testPrint', { uri, language }), () => t('setup.printed'))
          }
        >
          {t('setup.testPrint')}
        </button>
      </div>
      <button type="button" disabled={!(port && protocol) && !uri} onClick={() => setSaving(true)}>
        {t('setup.save')}
      </button>
      {message && (
        <p role="status" data-testid="setup-message">
          {message}
        </p>
      )}
      {saving && (
        <LeadDialog
          title={t('setup.save')}
          submitLabel={t('setup.saveSubmit')}
          onSubmit={(admin, pin) =>
            client
              .call('setup.save', {
                admin,
                pin,
                ...(port && protocol ? { scale: { port, protocol } } : {}),
                ...(uri ? { labelPrinter: { uri, language } } : {}),
              })
              .then((r) => setMessage(t('setup.saved', { file: r.file, backup: r.backup ?? '-' })))
          }
          onClose={() => setSaving(false)}
        />
      )}
    </section>
  );
}
