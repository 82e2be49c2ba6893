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
}

interface KdniaoReply {
  Success: boolean;
  ResultCode: string;
  Reason?: string;
  PrintTemplate?: string;
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

  async book(req: ShipmentRequest): Promise<BookingOutcome> {
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
        return {
          kind: 'booked',
          details: {
            carrier: `kdniao:${this.c.shipperCode}`,
            service: null,
            waybillNo: r.Order.LogisticCode,
            markDestination: r.Order.MarkDestination ?? null,
            sortingCode: r.Order.SortingCode ?? null,
            label: r.PrintTemplate ? { format: 'html', data: Buffer.from(r.PrintTemplate, 'utf8') } : null,
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

  async cancel(waybillNo: string, req: ShipmentRequest | null) {
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
