import { parseJson, postForm } from '../http';
import {
  CarrierHttpError,
  type BookingOutcome,
  type CarrierAdapter,
  type ShipmentRequest,
  type TrackResult,
} from '../model';
import { kdniaoDataSign } from '../signatures';

export interface KdniaoConfig {
  baseUrl: string;
  eBusinessId: string;
  appKey: string;
  shipperCode: string;
  customerName?: string;
  customerPwd?: string;
  monthCode?: string;
  subWaybills?: boolean;
}

/** Carriers that take one KDNiao booking for several parcels and answer with sub-waybills (子母件). */
export const KDNIAO_SUB_WAYBILL_CARRIERS: readonly string[] = ['SF', 'JD', 'DBL', 'KYSY'];

interface KdniaoReply {
  Success: boolean;
  ResultCode: string;
  Reason?: string;
  PrintTemplate?: string;
  /** 子母件: the sub-waybills, after the master in `Order.LogisticCode` (a comma list, or an array). */
  SubOrders?: string | string[];
  SubCount?: number;
  Order?: {
    OrderCode: string;
    LogisticCode: string;
    MarkDestination?: string;
    SortingCode?: string;
    PackageCode?: string;
  };
  State?: string;
  Traces?: { AcceptTime: string; AcceptStation: string }[];
}

const party = (a: ShipmentRequest['shipper']) => ({
  Name: a.name,
  Mobile: a.phone,
  ProvinceName: a.province,
  CityName: a.city,
  ExpAreaName: a.district,
  Address: a.address,
  ...(a.postCode ? { PostCode: a.postCode } : {}),
  ...(a.company ? { Company: a.company } : {}),
});

/** 快递鸟 KDNiao: 1007 create (106 = already booked → the original), 1147 cancel, 1002 track. */
export class KdniaoAdapter implements CarrierAdapter {
  readonly name = 'kdniao';

  constructor(
    private readonly c: KdniaoConfig,
    private readonly timeoutMs = 8000,
  ) {}

  private async call(requestType: string, data: object): Promise<KdniaoReply> {
    // Hash exactly the string that is sent; the form encoding is the only URL-encoding.
    const requestData = JSON.stringify(data);
    const reply = await postForm(
      this.c.baseUrl,
      {
        RequestData: requestData,
        EBusinessID: this.c.eBusinessId,
        RequestType: requestType,
        DataSign: kdniaoDataSign(requestData, this.c.appKey),
        DataType: '2',
      },
      this.timeoutMs,
    );
    return parseJson<KdniaoReply>(reply, new URL(this.c.baseUrl).host);
  }

  private account() {
    const { customerName, customerPwd, monthCode } = this.c;
    return {
      ...(customerName ? { CustomerName: customerName } : {}),
      ...(customerPwd ? { CustomerPwd: customerPwd } : {}),
      ...(monthCode ? { MonthCode: monthCode } : {}),
    };
  }

  /** Whether this account's carrier takes several parcels in one booking with sub-waybills. */
  get subWaybills(): boolean {
    return this.c.subWaybills ?? KDNIAO_SUB_WAYBILL_CARRIERS.includes(this.c.shipperCode);
  }

  /**
   * Several parcels: one booking with a package count and sub-waybills where the carrier supports them; else one
   * booking per parcel, keyed by the booking's key and the parcel's number (`<key>-C1`, `<key>-C2`, …), so asking
   * again answers 106 with each parcel's own number. A parcel refused after others were booked cancels those.
   */
  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    if (req.parcels.length <= 1 || this.subWaybills) return this.bookOne(req);
    const booked: { req: ShipmentRequest; waybillNo: string }[] = [];
    let first: Extract<BookingOutcome, { kind: 'booked' }> | null = null;
    for (const [i, parcel] of req.parcels.entries()) {
      const one = { ...req, parcels: [parcel], idempotencyKey: `${req.idempotencyKey}-C${i + 1}` };
      const outcome = await this.bookOne(one);
      if (outcome.kind === 'unknown') return outcome;
      if (outcome.kind === 'rejected') {
        for (const b of booked) await this.cancel(b.waybillNo, b.req).catch(() => undefined);
        return { ...outcome, message: `parcel ${i + 1} of ${req.parcels.length}: ${outcome.message}` };
      }
      first ??= outcome;
      booked.push({ req: one, waybillNo: outcome.details.waybillNo });
    }
    return {
      kind: 'booked',
      details: {
        ...first!.details,
        parcels: booked.map((b) => ({ waybillNo: b.waybillNo, label: null })),
      },
    };
  }

  private async bookOne(req: ShipmentRequest): Promise<BookingOutcome> {
    const weightKg = req.parcels.reduce((g, p) => g + p.weightG, 0) / 1000;
    const data = {
      OrderCode: req.idempotencyKey,
      ShipperCode: this.c.shipperCode,
      PayType: this.c.monthCode ? 3 : 1,
      ExpType: 1,
      ...this.account(),
      Sender: party(req.shipper),
      Receiver: party(req.recipient),
      Commodity: req.parcels.flatMap((p) =>
        p.items.map((i) => ({
          GoodsName: i.name,
          Goodsquantity: i.qty,
          ...(i.weightG ? { GoodsWeight: i.weightG / 1000 } : {}),
        })),
      ),
      Weight: weightKg,
      Quantity: req.parcels.length,
      ...(req.options.codCents
        ? { AddService: [{ Name: 'COD', Value: (req.options.codCents / 100).toFixed(2) }] }
        : {}),
      Remark: req.reference,
      IsReturnPrintTemplate: 1,
    };
    try {
      const r = await this.call('1007', data);
      if ((r.ResultCode === '100' || r.ResultCode === '106') && r.Order?.LogisticCode) {
        const subs = (Array.isArray(r.SubOrders) ? r.SubOrders : (r.SubOrders ?? '').split(','))
          .map((n) => n.trim())
          .filter(Boolean);
        const cartons = req.parcels.length;
        if (cartons > 1 && subs.length < cartons - 1)
          return {
            kind: 'rejected',
            code: r.ResultCode,
            message: `KDNiao returned ${subs.length} sub-waybills for ${cartons} parcels`,
          };
        return {
          kind: 'booked',
          details: {
            carrier: `kdniao:${this.c.shipperCode}`,
            service: null,
            waybillNo: r.Order.LogisticCode,
            markDestination: r.Order.MarkDestination ?? null,
            sortingCode: r.Order.SortingCode ?? null,
            label: r.PrintTemplate ? { format: 'html', data: Buffer.from(r.PrintTemplate, 'utf8') } : null,
            ...(cartons > 1
              ? {
                  parcels: [r.Order.LogisticCode, ...subs.slice(0, cartons - 1)].map((waybillNo) => ({
                    waybillNo,
                    label: null,
                  })),
                }
              : {}),
          },
        };
      }
      return { kind: 'rejected', code: r.ResultCode, message: r.Reason ?? 'refused' };
    } catch (err) {
      if (err instanceof CarrierHttpError) return { kind: 'unknown', reason: err.message };
      throw err;
    }
  }

  /** KDNiao is idempotent on OrderCode: the same key again answers 106 with the original waybill. */
  recover(req: ShipmentRequest): Promise<BookingOutcome> {
    return this.book(req);
  }

  async cancel(
    waybillNo: string,
    req: ShipmentRequest | null,
    _ref?: string | null,
    parcels?: readonly string[],
  ): Promise<{ ok: boolean; message: string }> {
    // Booked one parcel at a time: each parcel's booking is cancelled under its own key.
    if (req && parcels && parcels.length > 1 && !this.subWaybills) {
      const results = [];
      for (const [i, expNo] of parcels.entries())
        results.push(await this.cancel(expNo, { ...req, idempotencyKey: `${req.idempotencyKey}-C${i + 1}` }));
      const failed = results.find((r) => !r.ok);
      return failed ?? { ok: true, message: `${parcels.length} parcels cancelled` };
    }
    const r = await this.call('1147', {
      ShipperCode: this.c.shipperCode,
      OrderCode: req?.idempotencyKey ?? '',
      ExpNo: waybillNo,
      ...this.account(),
    });
    return { ok: r.Success === true, message: r.Reason ?? r.ResultCode };
  }

  async track(waybillNo: string): Promise<TrackResult> {
    const r = await this.call('1002', { ShipperCode: this.c.shipperCode, LogisticCode: waybillNo });
    const state =
      ({ '0': 'none', '1': 'collected', '2': 'in-transit', '3': 'signed', '4': 'problem' } as const)[
        r.State as '0'
      ] ?? 'unknown';
    return { state, events: (r.Traces ?? []).map((t) => ({ at: t.AcceptTime, text: t.AcceptStation })) };
  }

  async test(): Promise<string> {
    const r = await this.call('1002', { ShipperCode: this.c.shipperCode, LogisticCode: 'TEST0000000' });
    if (/sign/i.test(r.Reason ?? '')) throw new Error(`KDNiao refused the credentials: ${r.Reason}`);
    return `KDNiao answered (ResultCode ${r.ResultCode})`;
  }
}
