import { parseJson, request, type HttpReply } from '../http';
import {
  CarrierHttpError,
  type BookingOutcome,
  type CarrierAdapter,
  type LabelDocument,
  type ShipmentRequest,
  type TrackResult,
} from '../model';

export interface ShipEngineConfig {
  baseUrl: string;
  apiKey: string;
  carrierId: string;
  serviceCode: string;
}

interface SeLabel {
  label_id: string;
  tracking_number: string;
  shipment_id?: string;
  label_download?: { zpl?: string; href?: string };
  /** A multi-package label: each package's own tracking number and label, in the request's order. */
  packages?: { tracking_number?: string; label_download?: { zpl?: string; href?: string } }[];
}

const address = (a: ShipmentRequest['shipper']) => ({
  name: a.name,
  phone: a.phone,
  company_name: a.company ?? null,
  address_line1: a.address,
  city_locality: a.city,
  state_province: a.province,
  postal_code: a.postCode ?? '',
  country_code: a.country ?? 'CN',
});

/**
 * 跨境: ShipEngine's `customs` (contents, non_delivery, customs_items with description, quantity, value {currency,
 * amount}, harmonized_tariff_code, country_of_origin) and the buyer's tax ids; DDU is sent as DAP, its Incoterms 2020 name.
 */
function customs(req: ShipmentRequest) {
  const c = req.customs;
  if (!c) return {};
  return {
    customs: {
      contents: 'merchandise',
      non_delivery: 'return_to_sender',
      ...(c.incoterm ? { terms_of_trade_code: c.incoterm === 'DDP' ? 'ddp' : 'dap' } : {}),
      customs_items: c.items.map((i) => ({
        description: i.description,
        quantity: i.qty,
        value: { currency: i.currency.toLowerCase(), amount: Number((i.unitValueCents / 100).toFixed(2)) },
        harmonized_tariff_code: i.hsCode,
        country_of_origin: i.originCountry,
        sku: i.sku,
      })),
    },
    ...(c.ioss || c.buyerTaxId
      ? {
          tax_identifiers: [
            ...(c.ioss
              ? [
                  {
                    taxable_entity_type: 'shipper',
                    identifier_type: 'ioss',
                    value: c.ioss,
                    issuing_authority: 'EU',
                  },
                ]
              : []),
            ...(c.buyerTaxId
              ? [
                  {
                    taxable_entity_type: 'recipient',
                    identifier_type: 'vat',
                    value: c.buyerTaxId,
                    issuing_authority: c.destination,
                  },
                ]
              : []),
          ],
        }
      : {}),
  };
}

/** ShipEngine: POST /v1/labels with external_shipment_id and 4x6 ZPL; lookup by external id; void; Retry-After on 429. */
export class ShipEngineAdapter implements CarrierAdapter {
  readonly name = 'shipengine';

  constructor(
    private readonly c: ShipEngineConfig,
    private readonly timeoutMs = 10_000,
    private readonly maxRetryAfterS = 5,
  ) {}

  private async call(method: string, path: string, body?: object): Promise<HttpReply> {
    for (let attempt = 0; ; attempt++) {
      const reply = await request(new URL(path, this.c.baseUrl).href, {
        method,
        headers: { 'API-Key': this.c.apiKey, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
        timeoutMs: this.timeoutMs,
      });
      if (reply.status !== 429 || attempt >= 2) return reply;
      // Rate limited: nothing was done; wait as told (bounded) and ask again.
      const wait = Math.min(Number(reply.headers.get('retry-after') ?? 1), this.maxRetryAfterS);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }

  private async download(link: SeLabel['label_download']): Promise<LabelDocument | null> {
    const url = link?.zpl ?? link?.href;
    const zpl = url
      ? await request(url, {
          method: 'GET',
          headers: { 'API-Key': this.c.apiKey },
          timeoutMs: this.timeoutMs,
        })
      : null;
    return zpl && zpl.status === 200 ? { format: 'zpl', data: zpl.bytes } : null;
  }

  /** The label answer; several packages: each one's own number and label (the first carries the master number). */
  private async fromLabel(label: SeLabel, parcels = 1): Promise<BookingOutcome> {
    const packages = parcels > 1 ? (label.packages ?? []) : [];
    if (parcels > 1 && packages.filter((p) => p.tracking_number).length < parcels)
      return {
        kind: 'rejected',
        code: 'packages',
        message: `ShipEngine returned ${packages.length} packages for ${parcels} parcels`,
      };
    const own = await Promise.all(
      packages.slice(0, parcels).map(async (p) => ({
        waybillNo: p.tracking_number!,
        label: await this.download(p.label_download),
      })),
    );
    return {
      kind: 'booked',
      details: {
        carrier: 'shipengine',
        service: this.c.serviceCode,
        waybillNo: label.tracking_number,
        markDestination: null,
        sortingCode: null,
        label: own[0]?.label ?? (await this.download(label.label_download)),
        carrierRef: label.label_id,
        ...(own.length > 1 ? { parcels: own } : {}),
      },
    };
  }

  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    try {
      const reply = await this.call('POST', '/v1/labels', {
        shipment: {
          carrier_id: this.c.carrierId,
          service_code: this.c.serviceCode,
          external_shipment_id: req.idempotencyKey,
          ship_to: address(req.recipient),
          ship_from: address(req.shipper),
          packages: req.parcels.map((p) => ({
            weight: { value: p.weightG, unit: 'gram' },
            ...(p.dimsMm
              ? {
                  dimensions: {
                    unit: 'centimeter',
                    length: p.dimsMm[0] / 10,
                    width: p.dimsMm[1] / 10,
                    height: p.dimsMm[2] / 10,
                  },
                }
              : {}),
          })),
          ...customs(req),
        },
        label_format: 'zpl',
        label_layout: '4x6',
      });
      const host = new URL(this.c.baseUrl).host;
      const body = parseJson<SeLabel & { errors?: { error_code: string; message: string }[] }>(reply, host);
      if (reply.status === 200 || reply.status === 201) return this.fromLabel(body, req.parcels.length);
      const error = body.errors?.[0];
      // The external id was used: a booking exists already — look it up rather than booking twice.
      if (error && /external_shipment_id|duplicate/i.test(`${error.error_code} ${error.message}`))
        return this.recover(req);
      if (reply.status === 429) return { kind: 'unknown', reason: 'rate limited' };
      return {
        kind: 'rejected',
        code: error?.error_code ?? String(reply.status),
        message: error?.message ?? `HTTP ${reply.status}`,
      };
    } catch (err) {
      if (err instanceof CarrierHttpError) return { kind: 'unknown', reason: err.message };
      throw err;
    }
  }

  async recover(req: ShipmentRequest): Promise<BookingOutcome> {
    try {
      const host = new URL(this.c.baseUrl).host;
      const shipment = await this.call(
        'GET',
        `/v1/shipments/external_shipment_id/${encodeURIComponent(req.idempotencyKey)}`,
      );
      if (shipment.status === 404) return this.book(req);
      const { shipment_id } = parseJson<{ shipment_id: string }>(shipment, host);
      const labels = parseJson<{ labels: SeLabel[] }>(
        await this.call('GET', `/v1/labels?shipment_id=${encodeURIComponent(shipment_id)}`),
        host,
      );
      const label = labels.labels.find((l) => l.tracking_number);
      return label ? this.fromLabel(label, req.parcels.length) : this.book(req);
    } catch (err) {
      if (err instanceof CarrierHttpError) return { kind: 'unknown', reason: err.message };
      throw err;
    }
  }

  async cancel(_waybillNo: string, _req: ShipmentRequest | null, labelId?: string | null) {
    if (!labelId) return { ok: false, message: 'no ShipEngine label id stored for this shipment' };
    const reply = await this.call('PUT', `/v1/labels/${encodeURIComponent(labelId)}/void`);
    const body = parseJson<{ approved?: boolean; message?: string }>(reply, new URL(this.c.baseUrl).host);
    return { ok: body.approved === true, message: body.message ?? `HTTP ${reply.status}` };
  }

  async track(waybillNo: string): Promise<TrackResult> {
    const reply = await this.call(
      'GET',
      `/v1/tracking?carrier_code=${encodeURIComponent(this.c.carrierId)}&tracking_number=${encodeURIComponent(waybillNo)}`,
    );
    return shipEngineTrackResult(parseJson<ShipEngineTracking>(reply, new URL(this.c.baseUrl).host));
  }

  async test(): Promise<string> {
    const reply = await this.call('GET', '/v1/carriers');
    if (reply.status === 401 || reply.status === 403) throw new Error('ShipEngine refused the API key');
    return `ShipEngine answered (HTTP ${reply.status})`;
  }
}

/** What ShipEngine says of a parcel: `/v1/tracking`'s answer, or a `track` webhook's `data`. */
export interface ShipEngineTracking {
  tracking_number?: string;
  status_code?: string;
  events?: { occurred_at: string; description: string }[];
}

const SHIPENGINE_STATES = {
  AC: 'collected',
  IT: 'in-transit',
  AT: 'delivering',
  DE: 'signed',
  EX: 'problem',
  UN: 'unknown',
} as const;

export function shipEngineTrackResult(body: ShipEngineTracking): TrackResult {
  return {
    state: SHIPENGINE_STATES[body.status_code as 'AC'] ?? 'none',
    events: (body.events ?? []).map((e) => ({ at: e.occurred_at, text: e.description })),
  };
}
