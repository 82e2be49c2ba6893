/** A phrase's parameters, as text. */
export type PhraseParams = Record<string, string>;

export interface Phrasebook<K extends string> {
  readonly kinds: readonly K[];
  /** The phrase in English, for the database, logs and the command line. */
  say(kind: K, params?: Record<string, string | number>): string;
  /** Which phrase a stored text is, and its parameters; null for text a person wrote. */
  read(text: string): { kind: K; params: PhraseParams } | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Phrases the station stores in English and the screens word in the bench's language. One table both sides use, so a
 * text written by the station is always read back: the screen translates it by kind and parameters.
 */
export function phrasebook<K extends string>(templates: Record<K, string>): Phrasebook<K> {
  const kinds = Object.keys(templates) as K[];
  // The most specific phrase first: more literal text wins over a shorter one with the same opening.
  const readers = kinds
    .map((kind) => {
      const t = templates[kind];
      const names = [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const source = t
        .split(/\{\w+\}/)
        .map(escape)
        .join('(.+?)');
      return { kind, names, re: new RegExp(`^${source}$`, 's'), literal: t.replace(/\{\w+\}/g, '').length };
    })
    .sort((a, b) => b.literal - a.literal);
  return {
    kinds,
    say: (kind, params = {}) =>
      templates[kind].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)),
    read(text) {
      for (const r of readers) {
        const m = r.re.exec(text);
        if (m) return { kind: r.kind, params: Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]!])) };
      }
      return null;
    },
  };
}
