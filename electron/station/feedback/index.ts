import type { Feedback, FeedbackKind, Tone } from '../../../shared/contract';
import type { ScanResult } from '../../../shared/verify';
import { MISMATCH_PHRASES } from '../../../shared/words';

export type FeedbackDraft = Omit<Feedback, 'id' | 'at' | 'code'>;

export const draft = (tone: Tone, kind: FeedbackKind, params: Feedback['params'] = {}): FeedbackDraft => ({
  tone,
  kind,
  params,
});

/** The packer's message for a checked scan. */
export function scanFeedback(
  check: ScanResult,
  names: (sku: string) => string,
  boxDone: boolean,
): FeedbackDraft {
  switch (check.result) {
    case 'ok':
      return boxDone
        ? draft('done', 'box-verified', { sku: check.sku, name: names(check.sku) })
        : draft('ok', 'item-ok', { sku: check.sku, name: names(check.sku) });
    case 'serial-needed':
      return draft('info', 'serial-needed', { sku: check.sku, name: names(check.sku) });
    case 'wrong-item':
      return draft('wrong', 'wrong-item', {
        sku: check.sku,
        name: names(check.sku),
        // What a packer looks for on the shelf: the names, not the SKU codes.
        expected: check.expected.map(names).join(', '),
      });
    case 'over-scan':
      return draft('over', 'over-scan', {
        sku: check.sku,
        name: names(check.sku),
        required: check.required,
        scanned: check.scanned,
      });
    case 'unknown-barcode':
      return draft('unknown', 'unknown-barcode', { code: check.code, reason: check.reason ?? '' });
    case 'expired':
      return draft('wrong', 'expired', { sku: check.sku, name: names(check.sku), expiry: check.expiry });
    case 'serial-duplicate':
      return draft('wrong', 'serial-duplicate', { sku: check.sku, serial: check.serial });
  }
}

const say = MISMATCH_PHRASES.say;

/** Expected/actual columns of the mismatch log for a refused scan. */
export function mismatchColumns(
  check: ScanResult,
  code: string,
): { sku: string | null; expected: string | null; actual: string | null } {
  switch (check.result) {
    case 'wrong-item':
      return {
        sku: check.sku,
        expected: check.expected.join(', ') || say('nothing-left'),
        actual: check.sku,
      };
    case 'over-scan':
      return { sku: check.sku, expected: `${check.required}`, actual: `${check.scanned + check.adding}` };
    case 'unknown-barcode':
      return { sku: null, expected: say('a-barcode'), actual: code };
    case 'expired':
      return { sku: check.sku, expected: say('not-expired'), actual: say('expiry', { date: check.expiry }) };
    case 'serial-duplicate':
      return { sku: check.sku, expected: say('serial-new'), actual: check.serial };
    default:
      return { sku: null, expected: null, actual: null };
  }
}
