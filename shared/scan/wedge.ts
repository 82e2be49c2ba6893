export interface WedgeOptions {
  /** A burst is a scan when the average time per character is at most this (onscan.js: 30 ms). */
  avgMsPerChar: number;
  /** A pause longer than this ends a burst: the held characters go back to whoever was typing. */
  maxGapMs: number;
  /** Shorter bursts are typing, even when fast. */
  minLength: number;
  /** Keys (KeyboardEvent.key) that end a scan. */
  suffixKeys: string[];
  /** When set, only bursts starting with it are scans; it is removed from the code. */
  prefix?: string;
}

export const DEFAULT_WEDGE: WedgeOptions = {
  avgMsPerChar: 30,
  maxGapMs: 60,
  minLength: 4,
  suffixKeys: ['Enter', 'Tab'],
};

/**
 * What to do with a key: `hold` swallow it for now; `scan` a complete code was read; `release` give these held
 * characters back to the focused field (it was a person typing); `pass` let the key through untouched.
 */
export type WedgeAction =
  { type: 'hold' } | { type: 'scan'; code: string } | { type: 'release'; text: string } | { type: 'pass' };

/**
 * Tells a scanner's keystroke burst from a person typing, key by key. Pure: the caller feeds `key()` every keydown with
 * its timestamp and calls `timeout()` when `maxGapMs` has passed without a key.
 */
export class WedgeDetector {
  private chars: string[] = [];
  private firstAt = 0;
  private lastAt = 0;

  constructor(private options: WedgeOptions = DEFAULT_WEDGE) {}

  /** New settings (e.g. from the station's config) without dropping a burst in progress. */
  configure(options: WedgeOptions): void {
    this.options = options;
  }

  get holding(): boolean {
    return this.chars.length > 0;
  }

  key(key: string, at: number): WedgeAction[] {
    const out: WedgeAction[] = [];
    if (this.chars.length > 0 && at - this.lastAt > this.options.maxGapMs) out.push(...this.releaseAll());
    if (this.options.suffixKeys.includes(key)) {
      if (this.chars.length === 0) return [...out, { type: 'pass' }];
      const code = this.burstCode(at);
      if (code !== null) {
        this.chars = [];
        return [...out, { type: 'scan', code }];
      }
      return [...out, ...this.releaseAll(), { type: 'pass' }];
    }
    if (key.length !== 1) {
      // Shift and friends come with every capital a scanner types; anything else (Backspace, arrows) is a person.
      if (key === 'Shift') return [...out, { type: this.chars.length ? 'hold' : 'pass' }];
      return [...out, ...this.releaseAll(), { type: 'pass' }];
    }
    if (this.chars.length === 0) this.firstAt = at;
    this.chars.push(key);
    this.lastAt = at;
    return [...out, { type: 'hold' }];
  }

  timeout(now: number): WedgeAction[] {
    if (this.chars.length > 0 && now - this.lastAt >= this.options.maxGapMs) return this.releaseAll();
    return [];
  }

  private burstCode(suffixAt: number): string | null {
    const { avgMsPerChar, minLength, prefix, maxGapMs } = this.options;
    const text = this.chars.join('');
    if (suffixAt - this.lastAt > maxGapMs) return null;
    const intervals = this.chars.length; // n characters + suffix = n gaps from the first key
    const avg = (suffixAt - this.firstAt) / intervals;
    if (avg > avgMsPerChar) return null;
    const code = prefix ? (text.startsWith(prefix) ? text.slice(prefix.length) : null) : text;
    if (code === null || code.length < minLength) return null;
    return code;
  }

  private releaseAll(): WedgeAction[] {
    if (this.chars.length === 0) return [];
    const text = this.chars.join('');
    this.chars = [];
    return [{ type: 'release', text }];
  }
}
