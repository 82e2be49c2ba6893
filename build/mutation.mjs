// `npm run mutation [-- MODULE…]`: StrykerJS over the modules where a silent bug costs money or parcels, one module at
// a time (each its own report in reports/mutation/), then docs/mutation.md with the score per module and every
// surviving mutant. `npm run mutation:report` rewrites the page from the reports already there.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODULES = {
  // Comma-separated for --mutate, so no {a,b} braces: one glob per folder.
  'shared (verification, GS1/AIM, wedge, tolerance)':
    'shared/scan/*.ts,shared/verify/*.ts,shared/weight/*.ts,shared/security/*.ts,shared/contract/invoke.ts,shared/contract/issues.ts',
  'carriers: signatures': 'electron/carriers/signatures.ts',
  'carriers: adapters': 'electron/carriers/adapters/*.ts',
  'carriers: selection': 'electron/carriers/selection.ts',
  'label languages': 'electron/labels/languages/*.ts',
  server: 'electron/server/*.ts',
  'store repos': 'electron/store/repos/*.ts',
};
const slug = (name) =>
  name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
const dir = 'reports/mutation';

function run(names) {
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    const globs = `${MODULES[name]},!**/*.test.ts,!**/index.ts`;
    console.log(`\n== ${name}: ${globs}`);
    const r = spawnSync('npx', ['stryker', 'run', '--mutate', globs], { stdio: 'inherit' });
    if (r.status !== 0) console.error(`stryker exited ${r.status} for ${name}`);
    else copyFileSync(join(dir, 'mutation.json'), join(dir, `${slug(name)}.json`));
  }
}

function report() {
  const lines = [
    '# Mutation testing',
    '',
    'StrykerJS (vitest runner, TypeScript checker) over the modules where a silent bug costs money or parcels. Made by',
    '`npm run mutation` (too slow for CI: about an hour on 2 cores); this page by `npm run mutation:report`.',
    'Score = killed (incl. timeouts) / (killed + survived + no coverage); compile errors are not counted.',
    '',
    '| module | mutants | killed | survived | no coverage | score |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const survivors = [];
  for (const name of Object.keys(MODULES)) {
    const file = join(dir, `${slug(name)}.json`);
    if (!existsSync(file)) {
      lines.push(`| ${name} | — | — | — | — | not run |`);
      continue;
    }
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const c = { all: 0, killed: 0, survived: 0, none: 0 };
    for (const [path, f] of Object.entries(json.files))
      for (const m of f.mutants) {
        if (m.status === 'CompileError' || m.status === 'Ignored') continue;
        c.all++;
        if (m.status === 'Killed' || m.status === 'Timeout') c.killed++;
        else if (m.status === 'Survived') c.survived++;
        else if (m.status === 'NoCoverage') c.none++;
        if (m.status === 'Survived' || m.status === 'NoCoverage')
          survivors.push(
            `| ${name} | \`${path}:${m.location.start.line}\` | ${m.mutatorName} | \`${String(
              m.replacement ?? '',
            )
              .replace(/\s+/g, ' ')
              .replace(/\|/g, '\\|')
              .slice(0, 60)}\` | ${m.status === 'NoCoverage' ? 'no test reaches it' : 'survived'} |`,
          );
      }
    const score = c.killed / Math.max(1, c.killed + c.survived + c.none);
    lines.push(
      `| ${name} | ${c.all} | ${c.killed} | ${c.survived} | ${c.none} | ${(score * 100).toFixed(1)} % |`,
    );
  }
  lines.push(
    '',
    '## Survivors',
    '',
    'Each was read; the review notes are in the section below the table.',
    '',
  );
  lines.push(
    '| module | where | mutator | replacement | status |',
    '| --- | --- | --- | --- | --- |',
    ...survivors,
    '',
  );
  const notes = existsSync('docs/mutation-notes.md') ? readFileSync('docs/mutation-notes.md', 'utf8') : '';
  writeFileSync('docs/mutation.md', `${lines.join('\n')}\n${notes}`);
  console.log(lines.slice(6, 6 + Object.keys(MODULES).length + 2).join('\n'));
}

const args = process.argv.slice(2);
if (args[0] !== '--report-only') {
  const names = args.length
    ? Object.keys(MODULES).filter((n) => args.some((a) => slug(n).includes(slug(a))))
    : Object.keys(MODULES);
  run(names);
}
report();
