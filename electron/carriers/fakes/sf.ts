import { sfMsgDigest } from '..';
import { answer, form, startFake, type FakeServer } from './server';

export interface SfFake extends FakeServer {
  /** Per orderId: the master waybill, the children of a 子母件 (`parcelQty` > 1), and whether it was cancelled. */
  orders: Map<string, { waybillNo: string; children: string[]; cancelled: boolean }>;
  /** The routes EXP_RECE_SEARCH_ROUTES answers per waybill (opCode 50 收件, 44 派件, 80 签收, 99 退回 …). */
  routes: Map<string, { acceptTime: string; remark: string; opCode: string }[]>;
  /** A route push (路由推送) as SF sends it: the form, signed with the partner's check word. */
  routePush(
    routes: { mailno: string; acceptTime: string; remark: string; opCode: string }[],
  ): Record<string, string>;
}

const PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 283 425]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** 丰桥 /std/service as a local server: checks msgDigest (A1006 if wrong), 8016 for a repeated orderId, search, cancel, cloud print. */
export async function startSfFake(partnerId: string, checkWord: string): Promise<SfFake> {
  const orders = new Map<string, { waybillNo: string; children: string[]; cancelled: boolean }>();
  let next = 1;
  const ok = (msgData: object) => ({
    apiResultCode: 'A1000',
    apiErrorMsg: '',
    apiResponseID: 'R1',
    apiResultData: JSON.stringify({ success: true, errorCode: 'S0000', errorMsg: null, msgData }),
  });
  const fail = (errorCode: string, errorMsg: string) => ({
    apiResultCode: 'A1000',
    apiErrorMsg: '',
    apiResponseID: 'R1',
    apiResultData: JSON.stringify({ success: false, errorCode, errorMsg, msgData: null }),
  });
  const order = (orderId: string, waybillNo: string, children: string[]) => ({
    orderId,
    originCode: '571',
    destCode: '028',
    waybillNoInfoList: [
      { waybillType: 1, waybillNo },
      ...children.map((c) => ({ waybillType: 2, waybillNo: c })),
    ],
    routeLabelInfo: [{ routeLabelData: { destRouteLabel: '028WH-武侯', codingMapping: 'E12' } }],
  });
  const fake = (await startFake((req, body, res, f) => {
    if (req.url?.startsWith('/files/')) {
      if (req.headers['x-auth-token'] !== 'tok-' + req.url.slice(7, -4))
        return void res.writeHead(401).end('no token');
      return void res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(PDF);
    }
    const p = form(body);
    if (p.partnerID !== partnerId)
      return answer(res, f, 200, { apiResultCode: 'A1004', apiErrorMsg: '无对应服务权限 no permission' });
    if (!p.msgData || !p.timestamp || p.msgDigest !== sfMsgDigest(p.msgData, p.timestamp, checkWord))
      return answer(res, f, 200, { apiResultCode: 'A1006', apiErrorMsg: '数字签名无效 bad msgDigest' });
    const msg = JSON.parse(p.msgData) as Record<string, unknown>;
    const orderId = String(msg.orderId ?? '');
    switch (p.serviceCode) {
      case 'EXP_RECE_CREATE_ORDER': {
        if (orders.has(orderId)) return answer(res, f, 200, fail('8016', '重复下单 duplicate orderId'));
        const abroad = cargoProblem(msg);
        if (abroad) return answer(res, f, 200, fail('8003', abroad));
        const qty = msg.parcelQty ?? 1;
        if (!Number.isInteger(qty) || (qty as number) < 1 || (qty as number) > 300)
          return answer(res, f, 200, fail('8024', 'parcelQty 包裹数 1-300'));
        const waybillNo = `SF${String(1400000000000 + next++)}`;
        // 子母件: one master, and a child waybill for every further parcel.
        const children = Array.from(
          { length: (qty as number) - 1 },
          () => `SF${String(1400000000000 + next++)}`,
        );
        orders.set(orderId, { waybillNo, children, cancelled: false });
        return answer(res, f, 200, ok(order(orderId, waybillNo, children)));
      }
      case 'EXP_RECE_SEARCH_ORDER_RESP': {
        const o = orders.get(orderId);
        return answer(
          res,
          f,
          200,
          o ? ok(order(orderId, o.waybillNo, o.children)) : fail('8018', '未获取到订单信息 no such order'),
        );
      }
      case 'EXP_RECE_UPDATE_ORDER': {
        const o = orders.get(orderId);
        if (!o || msg.dealType !== 2) return answer(res, f, 200, fail('8018', 'no such order'));
        o.cancelled = true;
        return answer(res, f, 200, ok({ orderId, resStatus: 2 }));
      }
      case 'EXP_RECE_SEARCH_ROUTES': {
        const no = (msg.trackingNumber as string[])[0]!;
        return answer(res, f, 200, ok({ routeResps: [{ mailNo: no, routes: fake.routes.get(no) ?? [] }] }));
      }
      case 'COM_RECE_CLOUD_PRINT_WAYBILLS': {
        const wb = (msg.documents as { masterWaybillNo: string }[])[0]!.masterWaybillNo;
        return answer(
          res,
          f,
          200,
          ok({ obj: { files: [{ url: `${f.url}/files/${wb}.pdf`, token: `tok-${wb}` }] } }),
        );
      }
      default:
        return answer(res, f, 200, { apiResultCode: 'A1004', apiErrorMsg: 'unknown serviceCode' });
    }
  })) as SfFake;
  fake.orders = orders;
  fake.routes = new Map();
  fake.routePush = (routes) => {
    const msgData = JSON.stringify({
      Body: { WaybillRoute: routes.map((r, i) => ({ id: String(i + 1), ...r })) },
    });
    const timestamp = String(Date.now());
    return {
      partnerID: partnerId,
      requestID: `push-${timestamp}`,
      serviceCode: 'RoutePushService',
      timestamp,
      msgData,
      msgDigest: sfMsgDigest(msgData, timestamp, checkWord),
    };
  };
  return fake;
}

/**
 * SF international: a receiver in another country needs cargo details customs can read (name, count, unit, amount,
 * currency, sourceArea, hsCode on every line), as SF refuses the order otherwise.
 */
function cargoProblem(msg: Record<string, unknown>): string | null {
  const contacts = (msg.contactInfoList ?? []) as { contactType?: number; country?: string }[];
  const to = contacts.find((c) => c.contactType === 2)?.country;
  if (!to || to === 'CN') return null;
  const lines = (msg.cargoDetails ?? []) as Record<string, unknown>[];
  if (lines.length === 0) return '国际件缺少托寄物 cargoDetails required abroad';
  for (const [i, l] of lines.entries())
    for (const f of ['name', 'count', 'unit', 'amount', 'currency', 'sourceArea', 'hsCode'])
      if (l[f] === undefined || l[f] === null || l[f] === '')
        return `国际件托寄物信息不全 cargoDetails[${i}].${f} required abroad`;
  return null;
}
