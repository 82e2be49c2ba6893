import { describe, expect, it } from 'vitest';
import { FEEDBACK_KINDS } from '../../../shared/contract/pack';
import { StationPhase } from '../../../shared/contract/station';
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
