import { ReadingPipeline, type ScaleDevice, type ScaleEvents } from './device';

/** Training and demo scale: the page sets its weight; it is stable at once. */
export class VirtualScale implements ScaleDevice {
  readonly protocol = 'virtual';
  readonly canZero = true;
  readonly canTare = false;
  private grams: number;
  private readonly pipeline: ReadingPipeline;

  constructor(
    initialGrams: number,
    private readonly on: ScaleEvents,
    nearZeroG = 20,
  ) {
    this.grams = initialGrams;
    this.pipeline = new ReadingPipeline(on.reading, { stableWindowMs: 0, nearZeroG });
  }

  private timer: ReturnType<typeof setInterval> | null = null;

  /** Like a continuous scale, it repeats what is on it, so a reading is never older than a fraction of a second. */
  start(): void {
    this.on.state('virtual');
    this.emit();
    this.timer = setInterval(() => this.emit(), 250);
    this.timer.unref?.();
  }

  setWeight(grams: number): void {
    this.grams = Math.max(0, Math.round(grams));
    this.emit();
  }

  private emit(): void {
    this.pipeline.frame({
      type: 'weight',
      grams: this.grams,
      stable: true,
      net: false,
      divisionG: 1,
      raw: `virtual ${this.grams} g`,
    });
  }

  async zero(): Promise<void> {
    this.setWeight(0);
  }

  async tare(): Promise<void> {
    throw new Error('the virtual scale has no tare');
  }

  consume(placement: number): void {
    this.pipeline.placements.consume(placement);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }
}
