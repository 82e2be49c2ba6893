import { useEffect, useState } from 'react';

const SETTLE_MS = 500;
const WAREHOUSE_MS = 10_000;

/**
 * When the lead's review should load again: after this bench writes or resolves a mismatch (a burst of them, once
 * it settles), and in a warehouse every ten seconds for the other benches' — never on each scan's state push, whose
 * queries would then run at the packer's pace.
 */
export function useReviewTick(written: number | undefined, warehouse: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (written === undefined) return;
    const timer = setTimeout(() => setTick((n) => n + 1), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [written]);
  useEffect(() => {
    if (!warehouse) return;
    const timer = setInterval(() => setTick((n) => n + 1), WAREHOUSE_MS);
    return () => clearInterval(timer);
  }, [warehouse]);
  return tick;
}
