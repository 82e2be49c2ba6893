export interface PackageType {
  code: string;
  name: string;
  tareG: number;
  /** Inner length, width, height in mm; null when unknown (never suggested). */
  inner: [number, number, number] | null;
}

export interface ItemSize {
  dims: [number, number, number] | null;
  qty: number;
}

/** Items take this share of a box at most; the rest is corners, padding and air. */
const FILL = 0.8;

/**
 * The smallest box whose inner dimensions fit every item (each item's sides, sorted, fit the box's sides, sorted)
 * and whose volume holds them all. Items without dimensions are ignored; null when nothing fits.
 */
export function suggestBox(items: readonly ItemSize[], packages: readonly PackageType[]): PackageType | null {
  const sized = items.filter((i) => i.dims && i.qty > 0);
  const volume = sized.reduce((v, i) => v + i.dims!.reduce((a, b) => a * b, 1) * i.qty, 0);
  const fits = packages
    .filter((p) => p.inner)
    .filter((p) => {
      const box = [...p.inner!].sort((a, b) => b - a);
      const boxVolume = box.reduce((a, b) => a * b, 1);
      return (
        volume <= boxVolume * FILL &&
        sized.every((i) => [...i.dims!].sort((a, b) => b - a).every((d, k) => d <= box[k]!))
      );
    })
    .sort((a, b) => a.inner!.reduce((x, y) => x * y, 1) - b.inner!.reduce((x, y) => x * y, 1));
  return fits[0] ?? null;
}
