/** A karrio-like carrier model: one request shape, one result shape, whatever the carrier. */
export interface Address {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  postCode?: string;
  company?: string;
  /** ISO 3166 alpha-2; absent: the shipper's own country (a domestic parcel). */
  country?: string;
}

/** A parcel abroad: what customs is told, checked at the bench before booking (electron/customs). */
export interface CustomsDeclaration {
  /** The shipper's country (ISO 3166 alpha-2). */
  from: string;
  destination: string;
  incoterm: 'DDU' | 'DDP' | null;
  buyerTaxId: string | null;
  ioss: string | null;
  /** CN22 up to the limit (300 SDR), CN23 above it. */
  document: 'CN22' | 'CN23';
  currency: string;
  totalValueCents: number;
  netWeightG: number;
  items: {
    sku: string;
    description: string;
    descriptionZh: string | null;
    hsCode: string;
    originCountry: string;
    qty: number;
    unitValueCents: number;
    currency: string;
    netWeightG: number | null;
    dangerousGoods: string | null;
  }[];
}

export interface Parcel {
  weightG: number;
  dimsMm?: [number, number, number] | null;
  items: { name: string; qty: number; weightG?: number | null }[];
}

export interface ShipmentRequest {
  carrier: string;
  service?: string;
  shipper: Address;
  recipient: Address;
  parcels: Parcel[];
  options: { codCents?: number | null; insuredCents?: number | null };
  /** A parcel abroad: its declaration (absent for a domestic one). */
  customs?: CustomsDeclaration;
  /** The order number. */
  reference: string;
  /** Stored before the call; the carrier's own idempotency makes a resend safe (box id + attempt). */
  idempotencyKey: string;
}

export interface LabelDocument {
  format: 'zpl' | 'pdf' | 'png' | 'html';
  data: Buffer;
}

export interface ShipmentDetails {
  carrier: string;
  service: string | null;
  waybillNo: string;
  markDestination: string | null;
  sortingCode: string | null;
  label: LabelDocument | null;
  /** Carrier's own id of the label/shipment (for void), when it has one. */
  carrierRef?: string | null;
  /**
   * A booking of several parcels (一单多包): each parcel's own number and label, in the request's order. The first
   * parcel carries `waybillNo` (SF's 母单); absent for one parcel.
   */
  parcels?: ParcelDetails[];
}

export interface ParcelDetails {
  waybillNo: string;
  label: LabelDocument | null;
}

export type BookingOutcome =
  | { kind: 'booked'; details: ShipmentDetails }
  | { kind: 'rejected'; code: string; message: string }
  /** Timeout, 5xx, a page that is not the API's answer: the carrier may or may not have booked. Never book afresh. */
  | { kind: 'unknown'; reason: string };

export interface CancelOutcome {
  ok: boolean;
  message: string;
}

export interface TrackResult {
  state: 'none' | 'collected' | 'in-transit' | 'delivering' | 'signed' | 'problem' | 'returned' | 'unknown';
  events: { at: string; text: string }[];
}

export interface CarrierAdapter {
  readonly name: string;
  book(req: ShipmentRequest): Promise<BookingOutcome>;
  /** Find out what happened to a booking whose outcome was unknown: query by key, or resend the same key. */
  recover(req: ShipmentRequest): Promise<BookingOutcome>;
  /** `parcels`: every parcel's own number, for a booking of several parcels (the first is `waybillNo`). */
  cancel(
    waybillNo: string,
    req: ShipmentRequest | null,
    carrierRef?: string | null,
    parcels?: readonly string[],
  ): Promise<CancelOutcome>;
  track(waybillNo: string): Promise<TrackResult>;
  /** A harmless call that proves the credentials and the endpoint (for IT). */
  test(): Promise<string>;
}

export class CarrierHttpError extends Error {
  constructor(
    message: string,
    readonly unknownOutcome: boolean,
  ) {
    super(message);
  }
}
