import { refuse, type ContractError } from '../../../shared/contract';
import type { HandoverLine, MissingCarton } from '../../store';
import type { FeedbackDraft } from '../feedback';
import type { ClosedBatch } from './manifest';

export type { HandoverLine, ClosedBatch, MissingCarton };

export type HandoverScan =
  /** `left`: cartons of the same order still to load (0 for an order in one carton). */
  | { result: 'added'; line: HandoverLine; count: number; left: number }
  | { result: 'other-carrier'; carrier: string }
  | { result: 'unlabelled'; code: string }
  | { result: 'not-closed'; orderNo: string }
  | { result: 'duplicate'; batchId: number };

export interface Batch {
  id: number;
  carrier: string;
  lines: HandoverLine[];
  /** Cartons of the orders on the batch that are not on it (an order in several cartons loaded in part). */
  missing: MissingCarton[];
}

/** Closed boxes no batch has taken yet, per carrier and the bench that packed them. */
export interface ShelfRow {
  carrier: string;
  bench: string;
  boxes: number;
  oldest: string;
}

export interface DailyRow {
  day: string;
  carrier: string;
  /** Cartons handed over; `orders` counts an order in several cartons once. */
  boxes: number;
  orders: number;
  weightG: number;
}

type Maybe<T> = T | Promise<T>;

/**
 * 交接 as the bench's screens and the command line use it: this bench's own boxes on a single bench, every bench's
 * boxes at a warehouse's shared dock. A warehouse answers over the network, so answers may come later.
 */
export interface Dock {
  open(carrier: string, by: string | null): Maybe<number>;
  current(): Maybe<Batch | null>;
  scan(code: string): Maybe<HandoverScan>;
  close(by: string | null): Promise<ClosedBatch>;
  daily(from: string, to: string): Maybe<DailyRow[]>;
  shelf(): Maybe<ShelfRow[]>;
  /** A batch's manifest PDF closed at this bench. */
  manifest(id: number): { fileName: string; contentBase64: string };
  /** A scan routed to the loading dock: what the bench says now (a warehouse tells the result when it comes). */
  load(code: string): FeedbackDraft;
}

/** A scan onto the batch, as the bench says it (colour, sound, words). */
export function handoverDraft(r: HandoverScan): FeedbackDraft {
  switch (r.result) {
    case 'added':
      if (r.line.cartons > 1)
        return {
          tone: r.left > 0 ? 'warn' : 'ok',
          kind: 'handover-carton-added',
          params: {
            waybill: r.line.waybillNo,
            count: r.count,
            orderNo: r.line.orderNo,
            carton: r.line.carton,
            cartons: r.line.cartons,
            left: r.left,
            ...(r.line.bench ? { bench: r.line.bench } : {}),
          },
        };
      return {
        tone: 'ok',
        kind: 'handover-added',
        params: {
          waybill: r.line.waybillNo,
          count: r.count,
          ...(r.line.bench ? { bench: r.line.bench } : {}),
        },
      };
    case 'other-carrier':
      return { tone: 'wrong', kind: 'handover-other-carrier', params: { carrier: r.carrier } };
    case 'unlabelled':
      return { tone: 'unknown', kind: 'handover-unlabelled', params: { code: r.code } };
    case 'not-closed':
      return { tone: 'wrong', kind: 'handover-not-closed', params: { orderNo: r.orderNo } };
    case 'duplicate':
      return { tone: 'warn', kind: 'handover-duplicate', params: { batch: r.batchId } };
  }
}

/** The carriers a dock may open a batch for: a name no one books with could never be loaded. */
export function refuseUnknownCarrier(carrier: string, known: readonly string[]): ContractError | null {
  return known.includes(carrier)
    ? null
    : refuse('carrier-unknown', { carrier, known: known.join(', ') || '-' });
}
