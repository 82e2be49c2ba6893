import { useEffect, useRef } from 'react';
import { DEFAULT_WEDGE, WedgeDetector, type WedgeAction, type WedgeOptions } from '../../../shared/scan';

/** Puts characters a person typed back where they were going (they were held while it might have been a scan). */
function giveBack(target: Element | null, text: string): void {
  if (
    !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) ||
    target.readOnly ||
    target.disabled
  )
    return;
  target.focus();
  if (!document.execCommand('insertText', false, text)) {
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(text, start, end, 'end');
    target.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, inputType: 'insertText' }));
  }
}

/**
 * Keyboard-wedge scanners type like a very fast keyboard. Every key is held for a moment; a burst that ends in
 * Enter/Tab fast enough is a scan (and never reaches the focused field); anything slower goes back to the field.
 */
export function useWedge(onScan: (code: string) => void, options: Partial<WedgeOptions> = {}): void {
  const scanRef = useRef(onScan);
  scanRef.current = onScan;
  const detectorRef = useRef<WedgeDetector | null>(null);
  const optsRef = useRef<WedgeOptions>({ ...DEFAULT_WEDGE, ...options });
  const key = JSON.stringify(options);
  // Settings arrive with the station's info, possibly mid-burst: update in place, never start over.
  useEffect(() => {
    optsRef.current = { ...DEFAULT_WEDGE, ...(JSON.parse(key) as Partial<WedgeOptions>) };
    detectorRef.current?.configure(optsRef.current);
  }, [key]);
  useEffect(() => {
    const detector = new WedgeDetector(optsRef.current);
    detectorRef.current = detector;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let target: Element | null = null;
    const run = (actions: WedgeAction[]) => {
      for (const a of actions) {
        if (a.type === 'scan') {
          performance.mark('packbench:scan-detected');
          scanRef.current(a.code);
        } else if (a.type === 'release') giveBack(target, a.text);
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      if (!detector.holding) target = document.activeElement;
      const actions = detector.key(e.key, e.timeStamp);
      const last = actions.at(-1);
      if (last && (last.type === 'hold' || last.type === 'scan')) {
        e.preventDefault();
        e.stopPropagation();
      }
      run(actions);
      clearTimeout(timer);
      if (detector.holding)
        timer = setTimeout(() => run(detector.timeout(performance.now())), optsRef.current.maxGapMs + 5);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(timer);
    };
  }, []);
}
