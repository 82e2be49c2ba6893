import { randomUUID } from 'node:crypto';
import { parseJson, postForm, request } from '../http';
import {
  CarrierHttpError,
  type BookingOutcome,
  type CarrierAdapter,
  type LabelDocument,
  type ShipmentRequest,
  type TrackResult,
} from '../model';
import { sfMsgDigest } from '../signatures';

export interface SfConfig {
  baseUrl: string;
  partnerId: string;
  checkWord: string;
  monthlyCard?: string;
}

interface SfOuter {
  apiResultCode: string;
  apiErrorMsg?: string;
  apiResultData?: string;
}
interface SfInner {
  success: boolean;
  errorCode: string;
  errorMsg?: string;
  msgData?: {
    orderId?: string;
    waybillNoInfoList?: { waybillType: number; waybillNo: string }[];
    routeLabelInfo?: {
      routeLabelData?: { destRouteLabel?: string; codingMapping?: string; destTeamCode?: string };
    }[];
    obj?: { files?: { url: string; token: string }[] };
    routeResps?: { routes?: { acceptTime: string; remark: string; opCode?: string }[] }[];
  };
}

const contact = (type: 1 | 2, a: ShipmentRequest['shipper']) => ({
  contactType: type,
  contact: a.name,
  mobile: a.phone,
  province: a.province,
  city: a.city,
  county: a.district,
  address: a.address,
  ...(a.company ? { company: a.company } : {}),
  ...(a.country ? { country: a.country } : {}),
});

/**
 * 跨境: SF international takes the declaration as its cargo details, a line each: name (English), count, unit, amount
 * (unit value), currency, sourceArea (origin), hsCode; the order's currency and value go with them. A domestic parcel
 * sends names and counts as before.
 */
function cargoDetails(req: ShipmentRequest) {
  const c = req.customs;
  if (!c) return req.parcels.flatMap((p) => p.items.map((i) => ({ name: i.name, count: i.qty })));
  return c.items.map((i) => ({
    name: i.description,
    count: i.qty,
    unit: 'pcs',
    amount: Number((i.unitValueCents / 100).toFixed(2)),
    currency: i.currency,
    sourceArea: i.originCountry,
    hsCode: i.hsCode,
    ...(i.netWeightG !== null ? { weight: i.netWeightG / 1000 } : {}),
  }));
}

/** 顺丰 丰桥: create, search (the recovery path), cancel (dealType 2), cloud-print PDF. */
export class SfAdapter implements CarrierAdapter {
  readonly name = 'sf';

  constructor(
    private readonly c: SfConfig,
    private readonly timeoutMs = 8000,
  ) {}

  private async call(serviceCode: string, msg: object): Promise<SfInner> {
    const msgData = JSON.stringify(msg);
    const timestamp = String(Date.now());
    const reply = await postForm(
      this.c.baseUrl,
      {
        partnerID: this.c.partnerId,
        requestID: randomUUID(),
        serviceCode,
        timestamp,
        msgDigest: sfMsgDigest(msgData, timestamp, this.c.checkWord),
        msgData,
      },
      this.timeoutMs,
    );
    const host = new URL(this.c.baseUrl).host;
    const outer = parseJson<SfOuter>(reply, host);
    if (outer.apiResultCode !== 'A1000')
      return {
        success: false,
        errorCode: outer.apiResultCode,
        errorMsg: outer.apiErrorMsg ?? 'API refused the call',
      };
    // apiResultData is itself JSON, in a string.
    return parseJson<SfInner>({ ...reply, text: outer.apiResultData ?? '' }, host);
  }

  /**
   * 子母件: for `parcelQty` N the answer lists the master (waybillType 1, on the first parcel) and N − 1 children
   * (waybillType 2, one per further parcel), in order.
   */
  private booked(inner: SfInner, req: ShipmentRequest): BookingOutcome {
    const m = inner.msgData!;
    const list = m.waybillNoInfoList ?? [];
    const waybill = list.find((w) => w.waybillType === 1) ?? list[0];
    if (!waybill)
      return { kind: 'rejected', code: inner.errorCode, message: 'no waybill number in the answer' };
    const children = list.filter((w) => w.waybillType === 2).map((w) => w.waybillNo);
    const cartons = req.parcels.length;
    if (cartons > 1 && children.length < cartons - 1)
      return {
        kind: 'rejected',
        code: inner.errorCode,
        message: `SF returned ${children.length} child waybills for ${cartons} parcels`,
      };
    const route = m.routeLabelInfo?.[0]?.routeLabelData;
    return {
      kind: 'booked',
      details: {
        carrier: 'sf',
        service: null,
        waybillNo: waybill.waybillNo,
        markDestination: route?.destRouteLabel ?? null,
        sortingCode: route?.codingMapping ?? route?.destTeamCode ?? null,
        label: null,
        ...(cartons > 1
          ? {
              parcels: [waybill.waybillNo, ...children.slice(0, cartons - 1)].map((waybillNo) => ({
                waybillNo,
                label: null,
              })),
            }
          : {}),
      },
    };
  }

  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    try {
      const inner = await this.call('EXP_RECE_CREATE_ORDER', {
        language: 'zh-CN',
        orderId: req.idempotencyKey,
        contactInfoList: [contact(1, req.shipper), contact(2, req.recipient)],
        cargoDetails: cargoDetails(req),
        ...(req.customs
          ? {
              customsInfo: {
                declaredValue: Number((req.customs.totalValueCents / 100).toFixed(2)),
                declaredValueCurrency: req.customs.currency,
                ...(req.customs.incoterm ? { tradeCondition: req.customs.incoterm } : {}),
                ...(req.customs.ioss ? { taxNo: req.customs.ioss } : {}),
              },
            }
          : {}),
        // 子母件: one master and a child per further parcel, returned together.
        ...(this.c.monthlyCard ? { monthlyCard: this.c.monthlyCard } : {}),
        payMethod: 1,
        expressTypeId: 1,
        parcelQty: req.parcels.length,
        totalWeight: req.parcels.reduce((g, p) => g + p.weightG, 0) / 1000,
        ...(req.options.codCents
          ? { extraInfoList: [{ attrName: 'COD', attrVal: (req.options.codCents / 100).toFixed(2) }] }
          : {}),
        isReturnRoutelabel: 1,
        remark: req.reference,
      });
      if (inner.success) return this.booked(inner, req);
      // 8016: this orderId was already booked (by a call whose answer we lost): the search has it.
      if (inner.errorCode === '8016') return this.search(req);
      return { kind: 'rejected', code: inner.errorCode, message: inner.errorMsg ?? 'refused' };
    } catch (err) {
      if (err instanceof CarrierHttpError) return { kind: 'unknown', reason: err.message };
      throw err;
    }
  }

  private async search(req: ShipmentRequest): Promise<BookingOutcome> {
    const inner = await this.call('EXP_RECE_SEARCH_ORDER_RESP', {
      orderId: req.idempotencyKey,
      searchType: 1,
      language: 'zh-CN',
    });
    if (inner.success) return this.booked(inner, req);
    return { kind: 'rejected', code: inner.errorCode, message: inner.errorMsg ?? 'not found' };
  }

  /** Search by orderId; if SF never got it, the same orderId is sent again (a repeat would answer 8016). */
  async recover(req: ShipmentRequest): Promise<BookingOutcome> {
    try {
      const found = await this.search(req);
      if (found.kind === 'booked') return found;
      return this.book(req);
    } catch (err) {
      if (err instanceof CarrierHttpError) return { kind: 'unknown', reason: err.message };
      throw err;
    }
  }

  async cancel(_waybillNo: string, req: ShipmentRequest | null) {
    const inner = await this.call('EXP_RECE_UPDATE_ORDER', {
      orderId: req?.idempotencyKey ?? '',
      dealType: 2,
      language: 'zh-CN',
    });
    return { ok: inner.success, message: inner.errorMsg ?? inner.errorCode };
  }

  /** The carrier's own PDF label, fetched with the token the cloud-print answer carries. */
  async cloudPrint(waybillNo: string): Promise<LabelDocument> {
    const inner = await this.call('COM_RECE_CLOUD_PRINT_WAYBILLS', {
      templateCode: `fm_150_standard_${this.c.partnerId}`,
      version: '2.0',
      fileType: 'pdf',
      documents: [{ masterWaybillNo: waybillNo }],
    });
    const file = inner.msgData?.obj?.files?.[0];
    if (!inner.success || !file)
      throw new Error(`SF cloud print refused: ${inner.errorMsg ?? inner.errorCode}`);
    const res = await request(file.url, {
      method: 'GET',
      headers: { 'X-Auth-token': file.token },
      timeoutMs: this.timeoutMs,
    });
    if (res.status !== 200) throw new Error(`SF label download: HTTP ${res.status}`);
    return { format: 'pdf', data: res.bytes };
  }

  async track(waybillNo: string): Promise<TrackResult> {
    const inner = await this.call('EXP_RECE_SEARCH_ROUTES', {
      trackingType: 1,
      trackingNumber: [waybillNo],
      language: 'zh-CN',
    });
    return sfRoutesResult(inner.msgData?.routeResps?.[0]?.routes ?? []);
  }

  async test(): Promise<string> {
    const inner = await this.call('EXP_RECE_SEARCH_ORDER_RESP', {
      orderId: 'PACKBENCH-TEST',
      searchType: 1,
      language: 'zh-CN',
    });
    if (inner.errorCode === 'A1006' || inner.errorCode === 'A1004')
      throw new Error(`SF refused the credentials: ${inner.errorCode} ${inner.errorMsg ?? ''}`);
    return `SF answered (${inner.errorCode})`;
  }
}

/** 丰桥 opCodes: 50 收件, 44 派件, 80 签收, 70/33 问题件, 99 退回; any other is on its way. */
const SF_STATES: Record<string, TrackResult['state']> = {
  '50': 'collected',
  '44': 'delivering',
  '80': 'signed',
  '70': 'problem',
  '33': 'problem',
  '99': 'returned',
};

/** SF's routes of one waybill (asked, or pushed) as a parcel's state and events. */
export function sfRoutesResult(
  routes: { acceptTime: string; remark: string; opCode?: string }[],
): TrackResult {
  const last = routes.at(-1)?.opCode;
  return {
    state: routes.length === 0 ? 'none' : (SF_STATES[last ?? ''] ?? 'in-transit'),
    events: routes.map((r) => ({ at: r.acceptTime, text: r.remark })),
  };
}
