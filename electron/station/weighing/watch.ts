import type { ScaleReading } from '../../devices/scale';

/**
 * The scale as the box waiting for its weight sees it. A reading has an age: one from before the box was ready, or
 * older than the scale's limit, is not this box's; a placement weighs one box once, so the previous box's weight is
 * never taken for this one; a scale that is not connected has no current weight.
 */
export class ScaleWatch {
  private last: ScaleReading | null = null;
  /** Readings counted as they arrive: "after the box was ready" is exact, not a matter of clock resolution. */
  private readings = 0;
  private consumed = 0;
  private armed: { key: string; afterReading: number } | null = null;
  connected = true;

  constructor(private readonly maxReadingAgeMs: () => number) {}

  /** The box is ready to weigh (a `weigh` effect): only readings from now on may weigh it. */
  arm(key: string): void {
    if (this.armed?.key !== key) this.armed = { key, afterReading: this.readings };
  }

  reading(r: ScaleReading): void {
    this.last = r;
    this.readings++;
  }

  /** Returns whether the connection changed. */
  setConnected(connected: boolean): boolean {
    if (!connected) this.last = null;
    const changed = connected !== this.connected;
    this.connected = connected;
    return changed;
  }

  /** The stable weight of a fresh placement for the armed box, taken once; null while there is none. */
  take(): { grams: number; placement: number } | null {
    const r = this.last;
    const armed = this.armed;
    if (!armed || !r || !this.connected) return null;
    if (this.readings <= armed.afterReading) return null;
    if (Date.now() - r.at.getTime() > this.maxReadingAgeMs()) return null;
    if (!r.stable || r.grams === null || r.placement === null) return null;
    if (r.placement <= this.consumed) return null;
    this.consumed = r.placement;
    return { grams: r.grams, placement: r.placement };
  }
}
