import { DEFAULT_WEDGE, WedgeDetector, type WedgeOptions } from '../../shared/scan';

/** The part of Electron's `before-input-event` input we read. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  meta: boolean;
}

export interface MainWedgeHooks {
  /** A complete scan, wherever focus was. */
  onScan(code: string): void;
  /** Characters a person typed, given back to the page (webContents.insertText). */
  insertText(text: string): void;
  now(): number;
  setTimer(fn: () => void, ms: number): () => void;
}

/**
 * Wedge detection in the main process (`before-input-event`): scans are taken before the page sees them, so they
 * work wherever focus is and never land in a field. Returns whether the key must be withheld from the page.
 */
export function createMainWedge(
  hooks: MainWedgeHooks,
  options: Partial<WedgeOptions> = {},
): (input: KeyInput) => boolean {
  const opts = { ...DEFAULT_WEDGE, ...options };
  const detector = new WedgeDetector(opts);
  let cancel: (() => void) | null = null;
  const run = (actions: ReturnType<WedgeDetector['key']>) => {
    for (const a of actions) {
      if (a.type === 'scan') hooks.onScan(a.code);
      if (a.type === 'release') hooks.insertText(a.text);
    }
  };
  return (input) => {
    if (input.type !== 'keyDown' || input.control || input.alt || input.meta) return false;
    const actions = detector.key(input.key, hooks.now());
    run(actions);
    cancel?.();
    cancel = detector.holding
      ? hooks.setTimer(() => run(detector.timeout(hooks.now())), opts.maxGapMs + 5)
      : null;
    const last = actions.at(-1);
    return last?.type === 'hold' || last?.type === 'scan';
  };
}
