import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './station';

/**
 * What a person reads on a screen, checked the same way on every page and phase: no word of the other language
 * (beyond the data people entered: order numbers, SKUs, names, barcodes, waybills), no button whose text wraps, no
 * control of the current step or dialog outside the window, and the status bar in view.
 */
export interface ScreenProblem {
  step: string;
  problem: string;
}

/**
 * Words Chinese screens keep in Latin letters because Chinese warehouse software does: file formats, the SKU, the
 * product's name. Everything else a zh-CN screen shows in Latin letters is a leak.
 */
const LATIN_IN_ZH = new Set([
  'CSV',
  'XLSX',
  'PDF',
  'PNG',
  'SKU',
  'USB',
  'HID',
  'PIN',
  'EMS',
  'Excel',
  'ShipEngine',
  'Packbench',
  // Cross-border terms Chinese customs paperwork writes in Latin letters.
  'HS',
  'ISO',
  'CN22',
  'CN23',
  'DDU',
  'DDP',
  'IOSS',
  // The language chooser names each language in itself.
  'English',
]);
const CJK_IN_EN = new Set(['中文']);

/** The data of the demo bench and the test's config: what people entered, shown as entered in either language. */
export function enteredData(config: unknown, extra: string[] = []): string[] {
  const out = new Set<string>(extra);
  for (const f of ['orders.csv', 'products.csv', 'users.csv'])
    try {
      for (const line of readFileSync(join(repoRoot, 'resources', 'demo', f), 'utf8')
        .split(/\r?\n/)
        .slice(1))
        for (const cell of line.split(','))
          for (const part of cell.split(/[;*]/)) if (part.trim().length > 1) out.add(part.trim());
    } catch {
      // a demo file this bench does not have
    }
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.length > 1) out.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(config);
  // Longest first, so a name is removed before a word inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

export async function checkScreen(
  page: Page,
  step: string,
  o: { lang: 'zh-CN' | 'en'; data: string[]; layout?: 'pack' | 'page' },
): Promise<ScreenProblem[]> {
  const found = await page.evaluate(
    ({ lang, data, latinOk, cjkOk, layout }) => {
      const problems: string[] = [];
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      // Words: the text a person sees, without what they entered.
      let text = document.body.innerText;
      // Longest first, so a name is removed before a word inside it.
      for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.split(d).join(' ');
      const words =
        lang === 'zh-CN'
          ? (text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []).filter((w) => !latinOk.includes(w))
          : (text.match(/[\u3400-\u9fff\uff01-\uff5e。、：；，（）「」]+/g) ?? []).filter(
              (w) => !cjkOk.includes(w),
            );
      for (const w of new Set(words)) problems.push(`word "${w}" on a ${lang} screen`);
      // Buttons: their text on one line.
      for (const b of Array.from(document.querySelectorAll('button, .nav a'))) {
        if (!visible(b) || !b.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(b);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) problems.push(`button "${b.textContent.trim()}" wraps onto ${lines.size} lines`);
      }
      // The current step's controls and any dialog's, inside the window.
      const scope = Array.from(document.querySelectorAll('[role="dialog"]'));
      if (layout === 'pack' || scope.length === 0)
        scope.push(...Array.from(document.querySelectorAll('main .pack')));
      const w = window.innerWidth;
      const h = window.innerHeight;
      for (const root of scope)
        for (const c of Array.from(
          root.querySelectorAll('button, input, select, [role="alert"], [role="status"]'),
        )) {
          if (!visible(c)) continue;
          const r = c.getBoundingClientRect();
          if (r.left < 0 || r.top < 0 || r.right > w + 1 || r.bottom > h + 1)
            problems.push(
              `"${(c.textContent || c.getAttribute('aria-label') || c.tagName).trim().slice(0, 40)}" outside the window (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)}) of ${w}×${h}`,
            );
        }
      const bar = document.querySelector('.status-bar');
      if (!bar) problems.push('no status bar');
      else {
        const r = bar.getBoundingClientRect();
        if (r.top < 0 || r.bottom > h + 1 || r.height === 0) problems.push('the status bar is not in view');
      }
      return problems;
    },
    {
      lang: o.lang,
      data: o.data,
      latinOk: [...LATIN_IN_ZH],
      cjkOk: [...CJK_IN_EN],
      layout: o.layout ?? 'page',
    },
  );
  return found.map((problem) => ({ step, problem }));
}
