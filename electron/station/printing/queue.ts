import type { LoadedConfig } from '../../config';
import { parsePrinterUri, PrintQueue, type PrinterRole, type QueueHooks } from '../../devices/printer';
import type { Repos } from '../../store';
import { resolveFileUri } from './operations';

/** The bench's print queue over its configured label and slip printers. */
export function createPrintQueue(loaded: LoadedConfig, repos: Repos, hooks: QueueHooks): PrintQueue {
  const printers: ConstructorParameters<typeof PrintQueue>[1] = {};
  for (const role of ['label', 'slip'] as PrinterRole[]) {
    const p = loaded.config.printers[role];
    if (p) printers[role] = { target: parsePrinterUri(resolveFileUri(p.uri, loaded)), language: p.language };
  }
  return new PrintQueue(repos.printJobs, printers, hooks);
}
