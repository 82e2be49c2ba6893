import { describe, expect, it } from 'vitest';
import { FEEDBACK_KINDS, REFUSAL_KINDS } from '../../../shared/contract';
import { CHOICE_PHRASES, CUSTOMS_PHRASES, MISMATCH_PHRASES } from '../../../shared/words';
import { PACK_EVENT_TYPES } from '../../../electron/station/pack';
import { MISMATCH_TYPES } from '../../../shared/verify';
import { StationPhase } from '../../../shared/contract';
import en from './en.json';
import zhCN from './zh-CN.json';

const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const has = (obj: object, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj) !==
  undefined;

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });
  it.each([
    ['every feedback the station gives', FEEDBACK_KINDS.map((k) => `feedback.${k}`)],
    ['every phase of the pack page', StationPhase.options.map((p) => `pack.phase.${p}`)],
    ['every refusal the station gives', REFUSAL_KINDS.map((k) => `refusal.${k}`)],
    [
      'every type of mismatch row (the review and its filter)',
      MISMATCH_TYPES.map((m) => `mismatchType.${m}`),
    ],
    ['every event of a box (the timeline)', PACK_EVENT_TYPES.map((e) => `event.${e.replace('.', '_')}`)],
    [
      'every phrase the station stores',
      [...MISMATCH_PHRASES.kinds, ...CHOICE_PHRASES.kinds, ...CUSTOMS_PHRASES.kinds].map(
        (k) => `phrase.${k}`,
      ),
    ],
  ])('cover %s', (_what, paths) => {
    for (const path of paths) {
      expect(has(en, path), `en: ${path}`).toBe(true);
      expect(has(zhCN, path), `zh-CN: ${path}`).toBe(true);
    }
  });
  it('has no empty string', () => {
    for (const [name, table] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      for (const path of keys(table))
        expect(
          path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], table),
          `${name} ${path}`,
        ).not.toBe('');
    }
  });
});

describe('no hard-coded UI text', () => {
  it('JSX text in the pages is only symbols, numbers or language names (read with the TypeScript parser)', async () => {
    const ts = (await import('typescript')).default;
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (d: string) =>
      readdirSync(d).forEach((f) =>
        statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.tsx') && files.push(join(d, f)),
      );
    walk(join(import.meta.dirname, '..'));
    const allowed = new Set(['中文', 'English']);
    const found: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: import('typescript').Node) => {
        if (ts.isJsxText(node)) {
          const text = node.getText().trim();
          // Unit symbols (g, kg) and the version's v are the same in every language.
          const words = text.replace(/\b(g|kg|v)\b/g, '');
          if (/[A-Za-z\u4e00-\u9fff]/.test(words) && !allowed.has(text))
            found.push(`${file.split('/src/')[1]}: ${text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(files.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });
});

describe('words with numbers', () => {
  it('the expected band never starts below 0, in 克 on a zh-CN screen and g on an English one', async () => {
    const { default: i18next } = await import('i18next');
    const { expectedRange } = await import('../words');
    const zh = i18next.createInstance();
    await zh.init({
      resources: { 'zh-CN': { translation: zhCN } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
    expect(expectedRange(zh.t, 860, 5000)).toBe('860 克 ± 5000 克 (0 克–5860 克)');
    const eng = i18next.createInstance();
    await eng.init({
      resources: { en: { translation: en } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    expect(expectedRange(eng.t, 910, 50)).toBe('910 g ± 50 g (860 g–960 g)');
  });
});
