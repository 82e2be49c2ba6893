import type { DeviceState } from '../../../shared/contract';
import { PlacementTracker, StabilityWindow } from '../../../shared/weight';
import type { ScaleError, ScaleFrame } from './codecs';

/** A weight as the workflow sees it: after the stability rule, with the placement it belongs to. */
export interface ScaleReading {
  grams: number | null;
  stable: boolean;
  error: ScaleError | null;
  raw: string;
  at: Date;
  /** Which placement of a box this reading belongs to (see PlacementTracker); null when the scale is empty. */
  placement: number | null;
}

export interface ScaleEvents {
  reading(r: ScaleReading): void;
  state(state: DeviceState, detail?: string): void;
}

export interface ScaleDevice {
  readonly protocol: string;
  readonly canZero: boolean;
  readonly canTare: boolean;
  start(): void;
  stop(): Promise<void>;
  zero(): Promise<void>;
  tare(): Promise<void>;
  /** The virtual scale only: put a weight on it. */
  setWeight?(grams: number): void;
  /** Marks the placement as used by a box, so it is not read again for the next one. */
  consume(placement: number): void;
}

/** Turns decoded frames into readings: stability window where the protocol has no flag, placements of boxes. */
export class ReadingPipeline {
  private readonly window: StabilityWindow;
  readonly placements: PlacementTracker;

  constructor(
    private readonly emit: (r: ScaleReading) => void,
    opts: { stableWindowMs: number; nearZeroG: number },
  ) {
    this.window = new StabilityWindow(opts.stableWindowMs);
    this.placements = new PlacementTracker(opts.nearZeroG);
  }

  frame(f: ScaleFrame, now = Date.now()): void {
    if (f.type === 'ack') return;
    if (f.type === 'error') {
      // Negative and under-zero: the platter is empty for placement purposes; others say nothing about it.
      if (f.error === 'negative' || f.error === 'underload') this.placements.push(null);
      this.emit({
        grams: null,
        stable: false,
        error: f.error,
        raw: f.raw,
        at: new Date(now),
        placement: null,
      });
      return;
    }
    const stable = this.window.push({ grams: f.grams, stable: f.stable, divisionG: f.divisionG, at: now });
    this.placements.push(f.grams);
    this.emit({
      grams: f.grams,
      stable,
      error: null,
      raw: f.raw,
      at: new Date(now),
      placement: this.placements.isEmpty ? null : this.placements.fresh(),
    });
  }
}
