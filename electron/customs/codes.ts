/**
 * ISO codes from the ICU data Node and Electron carry (no list of our own to go stale): a country is a two-letter
 * region ICU can name, less the groupings that are no country (EU, UN, …); a currency is one Intl supports.
 */
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCountry(code: string | null | undefined): code is string {
  return !!code && /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regions.of(code) !== undefined;
}

export function isCurrency(code: string | null | undefined): code is string {
  return !!code && /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** The country's English name (for documents), or the code itself. */
export const countryName = (code: string) => regions.of(code) ?? code;

/** HS codes: the 6-digit international heading, up to 10 digits with a country's own subheadings. */
export const isHsCode = (code: string | null | undefined): code is string =>
  !!code && /^\d{6,10}$/.test(code);
