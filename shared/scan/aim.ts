/** AIM symbology identifiers a scanner may prefix (`]C1…`), and what they say. */
const SYMBOLOGIES: Record<string, { name: string; gs1: boolean }> = {
  ']C0': { name: 'code128', gs1: false },
  ']C1': { name: 'gs1-128', gs1: true },
  ']E0': { name: 'ean13', gs1: false },
  ']E4': { name: 'ean8', gs1: false },
  ']I1': { name: 'itf14', gs1: false },
  ']A0': { name: 'code39', gs1: false },
  ']Q1': { name: 'qr', gs1: false },
  ']Q3': { name: 'gs1-qr', gs1: true },
  ']d1': { name: 'datamatrix', gs1: false },
  ']d2': { name: 'gs1-datamatrix', gs1: true },
  ']e0': { name: 'gs1-databar', gs1: true },
};

export interface AimSplit {
  /** The data without the identifier. */
  data: string;
  /** e.g. `gs1-128`; null when the scan carried no identifier. */
  symbology: string | null;
  gs1: boolean;
}

/** Whether a symbology name (as `stripAim` gives it) carries GS1 element strings. */
export const isGs1Symbology = (name: string | null): boolean =>
  name !== null && Object.values(SYMBOLOGIES).some((s) => s.name === name && s.gs1);

/** Strips a leading AIM identifier; unknown `]Xn` identifiers are stripped too and named by their raw text. */
export function stripAim(raw: string): AimSplit {
  const m = /^\][A-Za-z][0-9A-Za-z]/.exec(raw);
  if (!m) return { data: raw, symbology: null, gs1: false };
  const known = SYMBOLOGIES[m[0]];
  return { data: raw.slice(3), symbology: known?.name ?? m[0], gs1: known?.gs1 ?? false };
}
