import type { TFunction } from 'i18next';
import {
  CHOICE_PHRASES,
  CUSTOMS_PHRASES,
  MISMATCH_PHRASES,
  carrierDisplayName,
  type Phrasebook,
} from '../../shared/words';

/**
 * The page's words for what the station sends as codes and numbers: units, carriers, times, and the phrases the
 * station stores in English. Every screen goes through here, so a code never reaches a person untranslated.
 */

export const grams = (t: TFunction, g: number | string) => t('unit.grams', { n: g });
/** The expected weight, its tolerance and the band: never below nothing (a light box with a wide tolerance starts at 0). */
export const expectedRange = (t: TFunction, expectedG: number, toleranceG: number) =>
  `${grams(t, expectedG)} ± ${grams(t, toleranceG)} (${grams(t, Math.max(0, expectedG - toleranceG))}–${grams(t, expectedG + toleranceG)})`;

export const kilograms = (t: TFunction, g: number) => t('unit.kilograms', { n: (g / 1000).toFixed(1) });

/** A carrier by the name a person knows, in the page's language (shared/words/carriers.ts). */
export function carrierName(t: TFunction, name: string): string {
  return carrierDisplayName(name, t('language.code') === 'zh-CN' ? 'zh-CN' : 'en');
}

const TIME_PARTS: Record<'datetime' | 'time', Intl.DateTimeFormatOptions> = {
  datetime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
};
// A formatter per language and shape, made once: toLocaleString builds a new one on every call, which a page of rows
// redrawn at the packer's pace pays for on every scan.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time the station sends (UTC) as the bench's local date and time, in the page's language. */
export function localTime(language: string, iso: string, what: 'datetime' | 'time' = 'datetime'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const key = `${language} ${what}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(language, TIME_PARTS[what])));
  return format.format(d);
}

/** A parameter of a phrase in the page's words: carriers by name, reason codes translated, nested lists worded. */
function wordParams(t: TFunction, book: Phrasebook<string>, params: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      if (k === 'carrier') return [k, carrierName(t, v)];
      if (k === 'reason') return [k, t(`reasons.${v}`, { defaultValue: v })];
      if (k === 'why')
        return [
          k,
          v
            .split(', ')
            .map((w) => phrase(t, book, w))
            .join('，'),
        ];
      if (k === 'others')
        return [
          k,
          v
            .split(', ')
            .map((o) => o.replace(/^(\S+) (¥.*)$/, (_, c: string, p: string) => `${carrierName(t, c)} ${p}`))
            .join('，'),
        ];
      return [k, v];
    }),
  );
}

function phrase(t: TFunction, book: Phrasebook<string>, text: string): string {
  const r = book.read(text);
  return r ? t(`phrase.${r.kind}`, wordParams(t, book, r.params)) : text;
}

/** A mismatch row's expected, actual or resolution text in the page's words (text a person wrote stays as written). */
export const mismatchText = (t: TFunction, text: string | null): string =>
  text === null ? '' : phrase(t, MISMATCH_PHRASES, text);

/** A customs refusal's problems (English phrases joined by "; "), each in the page's words. */
export const customsText = (t: TFunction, text: string): string =>
  text
    .split('; ')
    .map((p) => phrase(t, CUSTOMS_PHRASES, p))
    .join(t('language.code') === 'zh-CN' ? '；' : '; ');

/** Why the carrier was chosen, in the page's words. */
export const choiceText = (t: TFunction, text: string): string => phrase(t, CHOICE_PHRASES, text);

/** A device as a person names it: the role of a printer, the kind of a scanner, a virtual scale; ports as configured. */
export function deviceName(t: TFunction, d: { id: string; kind: string; name: string }): string {
  if (d.id === 'scale' && d.name === 'virtual scale') return t('deviceName.virtualScale');
  const role = /^printer:(\w+)$/.exec(d.id)?.[1];
  if (role) return `${t(`deviceName.printer.${role}`)} · ${d.name.replace(`${role}: `, '')}`;
  if (d.kind === 'scanner')
    return d.name
      .replace(/\((wedge|serial|hid|usb)/, (_, k: string) => `(${t(`deviceName.scannerKind.${k}`)}`)
      .replace(/^wedge\b/, t('deviceName.wedge'));
  return d.name;
}

/** What a device last said, in the page's words where it is one of the known conditions (a port error stays as is). */
export function deviceDetail(t: TFunction, exists: (key: string) => boolean, detail: string): string {
  // Keys are the device's own words; a detail with i18next's separators in it is never one of them.
  if (/[.:]/.test(detail)) return detail;
  const key = `deviceDetail.${detail}`;
  return exists(key) ? t(key) : detail;
}
