import { readFileSync } from 'node:fs';
import { prepareZXingModule } from 'zxing-wasm/reader';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

/** ZXing's reader from the installed wasm (no network), for tests that scan what was printed. */
export async function prepareBarcodeReader(): Promise<void> {
  await prepareZXingModule({
    overrides: {
      wasmBinary: readFileSync(join(repoRoot, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'))
        .buffer as ArrayBuffer,
    },
    fireImmediately: true,
  });
}
