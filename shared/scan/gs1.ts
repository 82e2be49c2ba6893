export const GS = '\u001d';

/** AIs with a fixed data length need no separator (GS1 General Specifications, figure 7.8.5-2). */
const FIXED: [RegExp, number][] = [
  [/^00/, 18],
  [/^0[123]/, 14],
  [/^04/, 16],
  [/^1[1-9]/, 6],
  [/^20/, 2],
  [/^3[1-6]\d\d/, 6],
  [/^41\d/, 13],
];

function aiAt(s: string): { ai: string; length: number | null } | null {
  for (const [re, length] of FIXED) {
    const m = re.exec(s);
    if (m) {
      // 31xx–36xx and 41x carry their full 4- or 3-digit AI; the others are 2 digits.
      const ai = m[0].length === 2 ? s.slice(0, 2) : m[0];
      return { ai, length };
    }
  }
  // Variable-length AIs we read: 10 batch, 21 serial, 240/241/250/251 references, 400 order no.
  const v = /^(10|21|22|235|240|241|250|251|254|400|401|402|403|90|91|92|93|94|95|96|97|98|99)/.exec(s);
  return v ? { ai: v[0], length: null } : null;
}

export interface Gs1Data {
  gtin?: string;
  batch?: string;
  /** ISO date (YYYY-MM-DD); day 00 means the last day of that month. */
  expiry?: string;
  serial?: string;
  all: Record<string, string>;
}

export class Gs1Error extends Error {}

/** Whether a scan looks like a GS1 element string (starts with an AI we know and has more than a bare GTIN). */
export const looksLikeGs1 = (s: string) => /^(01\d{14}|00\d{18}|02\d{14})./.test(s);

/**
 * Parses a GS1 element string. `gsSubstitute` is the character a wedge scanner sends for FNC1/GS (many can't type
 * 0x1D); it is treated as GS.
 */
export function parseGs1(input: string, gsSubstitute?: string): Gs1Data {
  let s = gsSubstitute ? input.split(gsSubstitute).join(GS) : input;
  if (s.startsWith(GS)) s = s.slice(1);
  const all: Record<string, string> = {};
  while (s.length > 0) {
    const found = aiAt(s);
    if (!found) throw new Gs1Error(`unknown GS1 application identifier at "${s.slice(0, 6)}"`);
    s = s.slice(found.ai.length);
    let value: string;
    if (found.length !== null) {
      value = s.slice(0, found.length);
      if (value.length !== found.length)
        throw new Gs1Error(`AI (${found.ai}) needs ${found.length} characters, got ${value.length}`);
      s = s.slice(found.length);
      if (s.startsWith(GS)) s = s.slice(1);
    } else {
      const end = s.indexOf(GS);
      value = end < 0 ? s : s.slice(0, end);
      s = end < 0 ? '' : s.slice(end + 1);
    }
    all[found.ai] = value;
  }
  const out: Gs1Data = { all };
  if (all['01']) out.gtin = all['01'];
  if (all['10']) out.batch = all['10'];
  if (all['21']) out.serial = all['21'];
  if (all['17']) out.expiry = gs1Date(all['17']);
  return out;
}

function gs1Date(yymmdd: string): string {
  if (!/^\d{6}$/.test(yymmdd)) throw new Gs1Error(`AI (17) expiry must be YYMMDD, got ${yymmdd}`);
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) throw new Gs1Error(`AI (17) month ${mm} is not a month`);
  // GS1 sliding century: 51–99 → 1900s only when more than 49 years back; for goods in a warehouse, 20yy.
  const year = 2000 + yy;
  if (dd === 0) dd = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** GTIN-14 with a leading 0 is the EAN-13 printed on the item; try both when looking a GTIN up. */
export function gtinCandidates(gtin14: string): string[] {
  const list = [gtin14];
  if (gtin14.startsWith('0')) list.push(gtin14.slice(1));
  if (gtin14.startsWith('00')) list.push(gtin14.slice(2));
  return list;
}
