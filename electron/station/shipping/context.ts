import type { BookingOutcome, CarrierAdapter } from '../../carriers';
import type { Config } from '../../config';
import type { Log } from '../../log';
import type { LabelThread } from '../../labels';
import type { OrderRow, Repos } from '../../store';
import type { FeedbackDraft } from '../feedback';
import type { PackWorkflow } from '../pack';

export interface ShippingContext {
  repos: Repos;
  config: Config;
  pack: PackWorkflow;
  carriers: Record<string, CarrierAdapter>;
  /** Face sheets drawn and encoded off the station's thread (null: drawn here). */
  labels: LabelThread | null;
  log: Log;
  now: () => Date;
  /** Tells the packer (and pushes the new state) when an asynchronous carrier answer arrives. */
  tell: (d: FeedbackDraft) => void;
  /** Pushes the new state (the booking started) without a message. */
  changed: () => void;
  /** Sends what was queued for these printers after the booking's own jobs (a parcel's customs papers). */
  printLater: (printers: ('label' | 'slip')[]) => void;
}

/** What rebooking needs from the booking desk: a new booking, and recording a waybill a lead entered. */
export interface Booker {
  book(opts?: { carrier?: string; lead?: string }): Promise<FeedbackDraft>;
  recordBooked(
    shipmentId: number,
    sessionId: string,
    order: OrderRow,
    carrier: string,
    outcome: Extract<BookingOutcome, { kind: 'booked' }>,
    weightG: number | null,
    at: string,
  ): Promise<FeedbackDraft>;
}
