import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '..';

let built = 0;

/**
 * Builds one TypeScript entry of the project into a plain-Node ES module (dependencies stay in node_modules), so a test
 * can run the real code in several processes at once — as several benches or CLI runs would.
 */
export async function bundleForChild(entry: string): Promise<string> {
  const { build } = await import('vite');
  // Inside the project, so the bundle finds node_modules; one folder per call, since tests run in parallel.
  const outDir = join(repoRoot, 'node_modules', '.cache', 'packbench-children', `${process.pid}-${++built}`);
  const external = (id: string) =>
    builtinModules.includes(id.replace(/^node:/, '')) ||
    id.startsWith('node:') ||
    (!id.startsWith('.') && !id.startsWith('/') && !id.includes('\0'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repoRoot,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { external, output: { format: 'es', entryFileNames: 'child.mjs' } },
    },
  });
  return join(outDir, 'child.mjs');
}
