import { waitsForWeight as waiting, type BoxState, type PackEvent } from '../pack';

/**
 * What must happen in the world after events are on disk. The workflow only says so; the effect runner does it,
 * each with its idempotency key, so nothing polls for work and nothing happens twice.
 */
export type Effect =
  /** The box waits for a fresh stable placement on the scale (readings before this moment are not its weight). */
  | { kind: 'weigh'; key: string }
  /** The box's weight is approved and it has no booking: book a carrier (key: the box's next booking attempt). */
  | { kind: 'book'; key: string }
  /** Print jobs were queued for these printers in the transaction that recorded the booking. */
  | { kind: 'print'; key: string; printers: ('label' | 'slip')[] }
  /** A ship notice was written to the outbox with the close: send it now rather than at the next retry. */
  | { kind: 'notify'; key: string };

/** The weighing a box waits for: a new key whenever what is in the box changes. */
const weighKey = (b: BoxState) =>
  `${b.sessionId}/${b.verification}/${b.okScans.length}/${b.insertsConfirmed.length}/${b.cartons.length}`;

const waitsForWeight = (b: BoxState | null): b is BoxState =>
  !!b && b.status === 'open' && !b.closed && waiting(b);

const dueForBooking = (b: BoxState | null): b is BoxState =>
  !!b && b.status === 'open' && !b.closed && b.weightApproved && !b.shipment;

/**
 * The effects of one committed batch of events of a session, from its box before and after them (null when the
 * session is not the bench's open box: a late carrier answer still prints its label). Pure: the same events on the
 * same box always ask for the same effects.
 */
export function effectsOf(
  sessionId: string,
  before: BoxState | null,
  after: BoxState | null,
  events: PackEvent[],
): Effect[] {
  const out: Effect[] = [];
  // A box opened or resumed at this bench starts from nothing here: whatever it waits for is asked for again.
  if (events.some((e) => e.type === 'box.opened' || e.type === 'box.resumed')) before = null;
  if (waitsForWeight(after) && (!waitsForWeight(before) || weighKey(before) !== weighKey(after)))
    out.push({ kind: 'weigh', key: weighKey(after) });
  if (dueForBooking(after) && !dueForBooking(before))
    out.push({ kind: 'book', key: `${after.sessionId}-${after.bookingAttempts + 1}` });
  for (const e of events) {
    if (e.type === 'box.booked')
      out.push({ kind: 'print', key: `label-${e.shipmentId}`, printers: ['label', 'slip'] });
    if (e.type === 'box.closed') out.push({ kind: 'notify', key: `ship-${sessionId}` });
  }
  return out;
}

/** What a box resumed at start still needs: the effects that lead to it from an empty bench. */
export const effectsAtStart = (box: BoxState | null): Effect[] =>
  box ? effectsOf(box.sessionId, null, box, []) : [];
