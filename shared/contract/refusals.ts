import { ContractError } from './errors';

/**
 * Every reason the station refuses a request, with its words in English (logs, the command line, English screens).
 * Screens word them from the kind and its parameters in the bench's language (renderer/src/i18n, `refusal.<kind>`),
 * so a refusal never shows up in a language the packer did not choose.
 */
export const REFUSALS = {
  'login-first': 'log in first',
  'login-unknown': 'badge or name and PIN not recognised',
  'lead-pin': 'a shift lead with the right PIN is needed',
  'lead-for-carrier': 'choosing another carrier needs a shift lead and PIN',
  'admin-needed': 'changing the rules needs an admin',
  'reason-unknown': 'reason "{code}" is not one of: {list}',
  'scale-not-virtual': 'this bench has a real scale, not the virtual one',
  'scale-refused': 'the scale did not do it: {detail}',
  'printer-none': 'no {role} printer configured',
  'label-none': 'no label printed for {waybill}',
  'label-none-yet': 'the open box has no label yet',
  'upload-missing': 'no upload {upload}: send the file again',
  'import-missing-columns': '{file}: missing columns {columns}',
  'import-unreadable': '{detail}',
  'nothing-to-book': 'no weighed box to book',
  'carrier-unknown': 'carrier {carrier} is not set up at this bench (it has: {known})',
  'booking-checking': 'the current booking is still being checked with the carrier',
  'cancel-elsewhere': '{carrier} is not set up here: cancel {waybill} with the carrier',
  'cancel-failed': '{carrier} did not cancel {waybill}: {detail}',
  'waybill-by-hand': 'only a booking set aside for a lead takes a waybill by hand',
  'waybill-invalid': 'not a waybill {carrier} issues: {detail}',
  'waybill-taken': 'waybill {waybill} is already held by shipment {shipment} ({key}, {status})',
  'batch-none': 'no handover batch is open: open one for a carrier first',
  'batch-none-to-close': 'no handover batch is open: nothing to close',
  'batch-open': 'batch {batch} for {carrier} is still open: close it before opening one for {wanted}',
  'batch-empty': 'batch {batch} for {carrier} is empty: scan boxes onto it first',
  'manifest-missing': 'no manifest of batch {batch} at this bench',
  'order-not-held': 'order {orderNo} is not on hold',
  'order-unknown': 'no order {orderNo}',
  'customs-domestic': 'order {orderNo} is not going abroad: it has no customs declaration',
  'customs-lines': 'the fix names SKU {sku}, which is not a line of order {orderNo}',
  'mismatch-unknown': 'no mismatch {id}',
  'not-warehouse': 'this bench is not part of a warehouse',
  'warehouse-unreachable': 'the warehouse cannot be reached',
  'bench-alive': 'bench {bench} was seen in the last minute: its packer releases its boxes',
  'rules-in-config': "a single bench's rules are in its config file: edit it, then restart",
  'rule-invalid': '{detail}',
  'printer-test-failed': 'the test label did not reach {printer}: {detail}',
  'adopt-not-needed': 'this bench already has its database: nothing to move',
  'adopt-lead': 'a shift lead of the older database, with the right PIN, is needed to move it',
  'quit-admin': 'leaving Packbench here needs an admin and PIN',
  'quit-not-desktop': 'only the desktop app is closed from its screen',
} as const;

export type RefusalKind = keyof typeof REFUSALS;
export const REFUSAL_KINDS = Object.keys(REFUSALS) as RefusalKind[];
export type RefusalParams = Record<string, string | number>;

/** A refusal's English words, its parameters filled in. */
export function refusalMessage(kind: RefusalKind, params: RefusalParams = {}): string {
  return REFUSALS[kind].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** The station says no: the kind the screens word, the English the logs and the command line print. */
export function refuse(kind: RefusalKind, params: RefusalParams = {}): ContractError {
  // eslint-disable-next-line no-restricted-syntax -- the one place a refusal is made
  return new ContractError('refused', refusalMessage(kind, params), undefined, { kind, params });
}
