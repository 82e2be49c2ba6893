import bwipjs from 'bwip-js';
import { useTranslation } from 'react-i18next';

/** Printable command barcodes: everything a packer does, by scanning. */
export function CommandSheet({ reasons }: { reasons: { hold: string[]; partial: string[] } }) {
  const { t } = useTranslation();
  const commands = [
    { code: 'PB:UNDO', label: t('commands.undo') },
    { code: 'PB:CONFIRM', label: t('commands.confirm') },
    { code: 'PB:LOGOUT', label: t('commands.logout') },
    { code: 'PB:NEWBOX', label: t('commands.newbox') },
    { code: 'PB:MODE:ITEM', label: t('commands.modeItem') },
    { code: 'PB:MODE:ORDER', label: t('commands.modeOrder') },
    ...reasons.hold.map((r) => ({
      code: `PB:HOLD:${r}`,
      label: `${t('commands.hold')}: ${t(`reasons.${r}`, { defaultValue: r })}`,
    })),
    ...reasons.partial.map((r) => ({
      code: `PB:PARTIAL:${r}`,
      label: `${t('commands.partial')}: ${t(`reasons.${r}`, { defaultValue: r })}`,
    })),
  ];
  return (
    <section className="command-sheet" aria-labelledby="commands-heading">
      <h2 id="commands-heading">{t('commands.heading')}</h2>
      <button type="button" onClick={() => window.print()}>
        {t('commands.print')}
      </button>
      <div className="command-grid">
        {commands.map((c) => (
          <figure key={c.code}>
            <img
              alt={c.code}
              src={`data:image/svg+xml;base64,${btoa(bwipjs.toSVG({ bcid: 'code128', text: c.code, scale: 2, height: 12 }))}`}
            />
            <figcaption>{c.label}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
