/** What one box must contain, fixed when the box is opened (a later product import does not move the target). */
export interface Requirement {
  /** `lineNo:sku` — unique in the box. */
  key: string;
  lineNo: number;
  sku: string;
  name: string;
  required: number;
  serialRequired: boolean;
  unitWeightG: number | null;
  /** Outer size in mm, for the box suggestion; null when unknown. */
  dimsMm?: [number, number, number] | null;
  /** Product category, for per-category weight tolerance. */
  category?: string | null;
  image: string | null;
  /** Set when this requirement is a component of a kit line. */
  kit: { sku: string; name: string; perKit: number; kitQty: number; acceptKitBarcode: boolean } | null;
}

export interface InsertRequirement {
  id: string;
  name: string;
  /** Scanning this confirms the insert; without one the packer confirms (button or PB:CONFIRM). */
  barcode: string | null;
  weightG: number;
}

/** A scan's facts, looked up by the station before the pure check runs. */
export type ScanFacts =
  | {
      kind: 'product';
      code: string;
      sku: string;
      name: string;
      /** Units one scan of this code stands for (case / inner pack). */
      packQty: number;
      serial: string | null;
      batch: string | null;
      expiry: string | null;
      /** The serial is already in another box, open or shipped. */
      serialTaken: boolean;
    }
  | { kind: 'unknown'; code: string; reason?: string };

export type Allocation = { key: string; qty: number };

export type ScanResult =
  | { result: 'ok'; sku: string; allocations: Allocation[]; serial: string | null }
  | { result: 'serial-needed'; sku: string; key: string }
  | { result: 'wrong-item'; sku: string; expected: string[] }
  | { result: 'over-scan'; sku: string; required: number; scanned: number; adding: number }
  | { result: 'unknown-barcode'; code: string; reason?: string }
  | { result: 'expired'; sku: string; expiry: string }
  | { result: 'serial-duplicate'; sku: string; serial: string };

export type ScanResultKind = ScanResult['result'];
/** Results that are packing mistakes (logged as mismatches); `serial-needed` is a prompt, `ok` is fine. */
export const MISMATCH_RESULTS = [
  'wrong-item',
  'over-scan',
  'unknown-barcode',
  'expired',
  'serial-duplicate',
] as const;
export type MismatchType = (typeof MISMATCH_RESULTS)[number] | 'override' | 'partial' | 'weight';
/** Every type of row the mismatch log holds, on a bench or in a warehouse: the review offers each as a filter. */
export const MISMATCH_TYPES = [
  ...MISMATCH_RESULTS,
  'override',
  'partial',
  'weight',
  'label-mismatch',
  'packed-twice',
  'waybill-duplicate',
  /** Item-first: an item scanned for which no single-item order waits (a mis-pick or an over-pick). */
  'no-order',
  /** 拦截: an order a feed held, cancelled or refunded after its box was labelled: shelve it or call the carrier. */
  'intercept',
] as const;
export const isMismatch = (r: ScanResultKind): boolean => (MISMATCH_RESULTS as readonly string[]).includes(r);
