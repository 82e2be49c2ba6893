import type { Tone } from '../../../shared/contract';
import type { Config } from '../../config';
import type { ScannerSource } from '../../devices/scanner';

/**
 * A scanner that can beep says good or bad itself (the packer may not be looking at the screen). A scanner that fails
 * to beep is not worth a word: the screen and the speaker said it too.
 */
export function beep(config: Config, sources: ScannerSource[], scanner: string, tone: Tone): void {
  const codes = config.scanners.find((s) => s.name === scanner)?.beep;
  const source = sources.find((s) => s.id === `scanner:${scanner}`);
  if (!codes || !source || !('send' in source)) return;
  const hex = tone === 'ok' || tone === 'done' ? codes.good : tone === 'info' ? undefined : codes.bad;
  if (hex)
    void (source as { send(b: Buffer): Promise<void> }).send(Buffer.from(hex, 'hex')).catch(() => undefined);
}
