import type { Allocation, Requirement, ScanFacts, ScanResult } from './box';

export interface VerifyInput {
  requirements: readonly Requirement[];
  /** Units counted so far per requirement key. */
  counted: Readonly<Record<string, number>>;
  /** Serials already in this box, per sku. */
  boxSerials: readonly { sku: string; serial: string }[];
  /** The requirement waiting for its serial, if the last scan asked for one. */
  awaitingSerialFor: string | null;
  /** YYYY-MM-DD, the bench's today. */
  today: string;
}

const remaining = (r: Requirement, counted: Readonly<Record<string, number>>) =>
  r.required - (counted[r.key] ?? 0);

/**
 * Checks one scan against the box. Pure: same box, same facts, same verdict — which is what lets a crashed bench
 * replay its events and land exactly where it was.
 */
export function verifyScan(input: VerifyInput, facts: ScanFacts): ScanResult {
  if (facts.kind === 'unknown')
    return { result: 'unknown-barcode', code: facts.code, ...(facts.reason ? { reason: facts.reason } : {}) };
  const { requirements, counted } = input;
  const expected = () => [
    ...new Set(requirements.filter((r) => remaining(r, counted) > 0).map((r) => r.sku)),
  ];

  if (facts.expiry && facts.expiry < input.today)
    return { result: 'expired', sku: facts.sku, expiry: facts.expiry };

  // The kit's own barcode counts one whole kit, where that kit allows it.
  const kitParts = requirements.filter((r) => r.kit?.sku === facts.sku && r.kit.acceptKitBarcode);
  if (kitParts.length > 0) {
    const adding = facts.packQty;
    const short = kitParts.find((r) => remaining(r, counted) < r.kit!.perKit * adding);
    if (short) {
      return {
        result: 'over-scan',
        sku: facts.sku,
        required: short.kit!.kitQty,
        scanned: Math.floor((counted[short.key] ?? 0) / short.kit!.perKit),
        adding,
      };
    }
    return {
      result: 'ok',
      sku: facts.sku,
      allocations: kitParts.map((r) => ({ key: r.key, qty: r.kit!.perKit * adding })),
      serial: null,
    };
  }

  const candidates = requirements.filter((r) => r.sku === facts.sku);
  if (candidates.length === 0) return { result: 'wrong-item', sku: facts.sku, expected: expected() };
  const open = candidates.find((r) => remaining(r, counted) >= facts.packQty);
  if (!open) {
    const required = candidates.reduce((n, r) => n + r.required, 0);
    const scanned = candidates.reduce((n, r) => n + (counted[r.key] ?? 0), 0);
    return { result: 'over-scan', sku: facts.sku, required, scanned, adding: facts.packQty };
  }
  if (open.serialRequired) {
    if (!facts.serial) return { result: 'serial-needed', sku: facts.sku, key: open.key };
    if (facts.serialTaken || input.boxSerials.some((s) => s.sku === facts.sku && s.serial === facts.serial)) {
      return { result: 'serial-duplicate', sku: facts.sku, serial: facts.serial };
    }
  }
  const allocations: Allocation[] = [{ key: open.key, qty: facts.packQty }];
  return { result: 'ok', sku: facts.sku, allocations, serial: open.serialRequired ? facts.serial : null };
}

/** Every requirement counted in full. */
export function allCounted(
  requirements: readonly Requirement[],
  counted: Readonly<Record<string, number>>,
): boolean {
  return requirements.every((r) => remaining(r, counted) <= 0);
}
