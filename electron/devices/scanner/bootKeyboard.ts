import { stripAim } from '../../../shared/scan';
import type { DecodedScan } from './hidpos';

// US layout only: usage → [unshifted, shifted]. A scanner set to another keyboard layout sends other usages;
// set it to US (the factory default of most) when using the raw USB path.
const US: Record<number, [string, string]> = {};
for (let u = 0x04; u <= 0x1d; u++) {
  const c = String.fromCharCode(0x61 + u - 0x04);
  US[u] = [c, c.toUpperCase()];
}
'1234567890'.split('').forEach((d, i) => (US[0x1e + i] = [d, '!@#$%^&*()'[i]!]));
US[0x2c] = [' ', ' '];
const PUNCT: [number, string, string][] = [
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x32, '#', '~'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
];
for (const [u, a, b] of PUNCT) US[u] = [a, b];
const ENTER = 0x28;
const TAB = 0x2b;
const SHIFT = 0x02 | 0x20;

/**
 * HID boot keyboard reports `[modifiers, 0, k1..k6]` from a scanner claimed through `usb`: a character for each newly
 * pressed key, a code at Enter or Tab.
 */
export class BootKeyboardDecoder {
  private pressed = new Set<number>();
  private text = '';

  push(report: Uint8Array): DecodedScan | null {
    if (report.length < 8) return null;
    const shift = (report[0]! & SHIFT) !== 0;
    const now = new Set<number>();
    let done: DecodedScan | null = null;
    for (let i = 2; i < 8; i++) {
      const usage = report[i]!;
      if (usage === 0 || usage === 1) continue; // none / rollover error
      now.add(usage);
      if (this.pressed.has(usage)) continue;
      if (usage === ENTER || usage === TAB) {
        if (this.text) {
          const { data, symbology } = stripAim(this.text);
          done = { code: data, symbology };
        }
        this.text = '';
        continue;
      }
      const ch = US[usage];
      if (ch) this.text += ch[shift ? 1 : 0];
    }
    this.pressed = now;
    return done;
  }
}
