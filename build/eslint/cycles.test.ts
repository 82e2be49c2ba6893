import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

// No import circles in production code: a circle means two files that cannot be understood (or tested) apart.
// Type-only imports count too; they are how circles start.
const root = join(import.meta.dirname, '..', '..');
const FROM = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'testing' ? [] : files(p);
    return /\.tsx?$/.test(f) && !/\.(test|d)\.ts$/.test(f) ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c)) return c;
  return null;
}

it('no module imports itself through others', () => {
  const graph = new Map<string, string[]>();
  for (const f of ['electron', 'shared', 'renderer/src'].flatMap((d) => files(join(root, d)))) {
    const text = readFileSync(f, 'utf8');
    graph.set(
      f,
      [...text.matchAll(FROM)].map((m) => resolveImport(f, m[1]!)).filter((t): t is string => t !== null),
    );
  }
  // Tarjan's strongly connected components: every component of more than one file is a circle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        on.delete(w);
        scc.push(relative(root, w));
        if (w === v) break;
      }
      if (scc.length > 1) circles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  expect(circles).toEqual([]);
});
