export interface WeightSample {
  grams: number;
  /** The scale's own flag; null where the protocol has none. */
  stable: boolean | null;
  divisionG: number;
  /** Milliseconds, any monotonic clock. */
  at: number;
}

/**
 * Software stability for scales without a flag: stable once every value for `windowMs` stayed within ±1 division.
 * A protocol's own flag, where it has one, is used as is.
 */
export class StabilityWindow {
  private runStart = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(private readonly windowMs = 500) {}

  push(s: WeightSample): boolean {
    if (s.stable !== null) {
      this.reset(s);
      return s.stable;
    }
    const min = Math.min(this.min, s.grams);
    const max = Math.max(this.max, s.grams);
    if (max - min > 2 * s.divisionG || this.min === Infinity) {
      this.reset(s);
      return false;
    }
    this.min = min;
    this.max = max;
    return s.at - this.runStart >= this.windowMs;
  }

  private reset(s: WeightSample): void {
    this.runStart = s.at;
    this.min = s.grams;
    this.max = s.grams;
  }
}
