/**
 * Which box is on the scale. A placement starts when the weight rises from near zero; a box's weight is taken only
 * from a placement no earlier box used. So the previous box's weight is never reused, and a box put on the scale
 * before weighing started is still read.
 */
export class PlacementTracker {
  private current = 0;
  private empty = true;
  private consumed = 0;

  constructor(private readonly nearZeroG = 20) {}

  /** `grams` null: the scale shows nothing usable that is above zero (negative, underload) — as good as empty. */
  push(grams: number | null): void {
    const isEmpty = grams === null || grams <= this.nearZeroG;
    if (this.empty && !isEmpty) this.current++;
    this.empty = isEmpty;
  }

  /** The placement a stable weight may be taken from now, or null (nothing on the scale, or already used). */
  fresh(): number | null {
    return !this.empty && this.current > this.consumed ? this.current : null;
  }

  consume(placement: number): void {
    this.consumed = Math.max(this.consumed, placement);
  }

  get isEmpty(): boolean {
    return this.empty;
  }
}
