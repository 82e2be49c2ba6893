import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Why PDFs cannot be rendered here (poppler-utils missing), or null. */
export function popplerMissing(): string | null {
  return spawnSync('pdftoppm', ['-v']).error ? 'pdftoppm (poppler-utils) is not installed' : null;
}

export interface PdfWord {
  page: number;
  text: string;
  /** Dark pixels found inside the word's box when the page is rendered. */
  ink: number;
}

const DPI = 100;

/**
 * Every word of a PDF as a reader sees it: the words and boxes `pdftotext -bbox` finds, and how much ink pdftoppm
 * renders inside each box. A word with no ink is text a machine finds and a person cannot read (a broken font).
 */
export function pdfWords(pdf: string): PdfWord[] {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-ink-'));
  try {
    const render = spawnSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', pdf, join(dir, 'p')]);
    if (render.status !== 0) throw new Error(`pdftoppm: ${render.stderr.toString()}`);
    const bbox = spawnSync('pdftotext', ['-bbox', pdf, join(dir, 'words.html')]);
    if (bbox.status !== 0) throw new Error(`pdftotext: ${bbox.stderr.toString()}`);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
    const html = readFileSync(join(dir, 'words.html'), 'utf8');
    const words: PdfWord[] = [];
    const pageChunks = html.split(/<page /).slice(1);
    pageChunks.forEach((chunk, p) => {
      const img = pages[p]!;
      const scale = DPI / 72;
      for (const m of chunk.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map((v) => Number(v) * scale) as [
          number,
          number,
          number,
          number,
        ];
        let ink = 0;
        for (let y = Math.floor(y0); y < Math.min(img.height, Math.ceil(y1)); y++)
          for (let x = Math.floor(x0); x < Math.min(img.width, Math.ceil(x1)); x++)
            if (img.data[(y * img.width + x) * 4]! < 128) ink++;
        words.push({ page: p + 1, text: unescape(m[5]!), ink });
      }
    });
    return words;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
