export interface Figure {
  name: string;
  n: number;
  min?: number;
  median: number;
  p95: number;
  /** Shown when the figure has enough samples to say it. */
  p99?: number;
  max?: number;
  unit: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Runs `fn` n times (after `warmup` unmeasured runs) and summarises the wall-clock times in milliseconds. */
export async function measure(
  name: string,
  n: number,
  fn: (i: number) => unknown,
  warmup = Math.min(5, n),
): Promise<Figure> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return summarize(name, times);
}

/** median and p95 of samples measured some other way (marks, events), in milliseconds. */
export function summarize(name: string, samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    n: sorted.length,
    min: sorted[0]!,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    ...(sorted.length >= 100 ? { p99: percentile(sorted, 99) } : {}),
    max: sorted[sorted.length - 1]!,
    unit: 'ms',
  };
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));

/** One table per file: the figures side by side. */
export function printTable(title: string, figures: Figure[]): void {
  const cell = (v: number | undefined, unit: string) => (v === undefined ? '-' : `${fmt(v)} ${unit}`);
  const rows = figures.map((f) => [
    f.name,
    String(f.n),
    cell(f.min, f.unit),
    cell(f.median, f.unit),
    cell(f.p95, f.unit),
    cell(f.p99, f.unit),
    cell(f.max, f.unit),
  ]);
  const head = ['benchmark', 'n', 'min', 'median', 'p95', 'p99', 'max'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(
    `\n${title}\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
}
