import { shopeePushSignature, shopeeSign } from '..';
import { answer, startFake, type FakeServer } from './server';

/** A blank one-page PDF of 100×150 mm: the shape of Shopee's THERMAL_AIR_WAYBILL. */
const PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 283 425]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

export interface ShopeeFakeOrder {
  order_sn: string;
  order_status: string;
  total_amount: number;
  recipient_address: {
    name: string;
    phone: string;
    state: string;
    city: string;
    district: string;
    full_address: string;
  };
  item_list: { item_sku: string; model_sku: string; item_name: string; model_quantity_purchased: number }[];
  tracking_number?: string;
  document?: 'PROCESSING' | 'READY' | 'FAILED';
}

export interface ShopeeFake extends FakeServer {
  orders: Map<string, ShopeeFakeOrder>;
  /** ship_order calls that shipped something (a repeat for a shipped order is refused and not counted). */
  shipped: string[];
  tokens: { access: string; refresh: string; expiresAt: number };
  /** get_tracking_info per order_sn. */
  tracking: Map<
    string,
    { logistics_status: string; tracking_info: { update_time: number; description: string }[] }
  >;
  /** Calls refused for a wrong sign or token, by error code. */
  refused: string[];
  /** POSTs a push as Shopee signs it (the callback URL + `|` + body). */
  push(callbackUrl: string, body: object, key?: string): Promise<number>;
}

/**
 * Shopee Open Platform v2 as a local server that checks what Shopee checks: the sign of every call (partner_id + path +
 * timestamp + access_token + shop_id), the timestamp's age, the access token (expired → refused), the refresh; serves
 * READY_TO_SHIP orders, ships them once and assigns a tracking number, and serves the shipping document as a PDF.
 */
export async function startShopeeFake(
  partnerId: number,
  partnerKey: string,
  shopId: number,
): Promise<ShopeeFake> {
  const orders = new Map<string, ShopeeFakeOrder>();
  let issued = 1;
  let number = 1;
  const ok = (response: object) => ({ error: '', message: '', request_id: `r${number}`, response });
  const fake = (await startFake((req, body, res, f) => {
    const url = new URL(req.url ?? '/', f.url);
    const q = url.searchParams;
    const path = url.pathname;
    const ts = Number(q.get('timestamp'));
    const refuse = (code: string, message: string, status = 403) => {
      fake.refused.push(code);
      return answer(res, f, status, { error: code, message, request_id: 'x' });
    };
    if (Number(q.get('partner_id')) !== partnerId) return refuse('error_param', 'partner_id is wrong');
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300)
      return refuse('error_param', 'timestamp is too far from the server time');
    if (path === '/api/v2/auth/access_token/get') {
      if (q.get('sign') !== shopeeSign(partnerKey, partnerId, path, ts))
        return refuse('error_sign', 'Wrong sign.');
      const b = JSON.parse(body || '{}') as { refresh_token?: string; shop_id?: number };
      if (b.refresh_token !== fake.tokens.refresh || b.shop_id !== shopId)
        return refuse('error_auth', 'Invalid refresh_token.');
      issued++;
      fake.tokens = {
        access: `access-${issued}`,
        refresh: `refresh-${issued}`,
        expiresAt: Date.now() + 14_400_000,
      };
      return answer(res, f, 200, {
        error: '',
        message: '',
        access_token: fake.tokens.access,
        refresh_token: fake.tokens.refresh,
        expire_in: 14_400,
      });
    }
    const token = q.get('access_token') ?? '';
    if (Number(q.get('shop_id')) !== shopId) return refuse('error_param', 'shop_id is wrong');
    if (q.get('sign') !== shopeeSign(partnerKey, partnerId, path, ts, token, shopId))
      return refuse('error_sign', 'Wrong sign.');
    if (token !== fake.tokens.access || Date.now() > fake.tokens.expiresAt)
      return refuse('invalid_acceess_token', 'Invalid access_token.');
    const b = (req.method === 'POST' ? JSON.parse(body || '{}') : {}) as Record<string, unknown>;
    const one = (sn: unknown) => orders.get(String(sn));
    switch (path) {
      case '/api/v2/order/get_order_list': {
        const ready = [...orders.values()].filter(
          (o) => o.order_status === (q.get('order_status') ?? o.order_status),
        );
        const size = Number(q.get('page_size') ?? 20);
        const start = Number(q.get('cursor') || 0);
        const page = ready.slice(start, start + size);
        return answer(
          res,
          f,
          200,
          ok({
            order_list: page.map((o) => ({ order_sn: o.order_sn })),
            more: start + size < ready.length,
            next_cursor: String(start + size),
          }),
        );
      }
      case '/api/v2/order/get_order_detail': {
        const sns = (q.get('order_sn_list') ?? '').split(',').filter(Boolean);
        if (sns.length > 50) return refuse('error_param', 'order_sn_list up to 50', 400);
        return answer(res, f, 200, ok({ order_list: sns.map(one).filter(Boolean) }));
      }
      case '/api/v2/logistics/get_shipping_parameter':
        if (!one(q.get('order_sn'))) return refuse('error_not_found', 'order not found', 400);
        return answer(res, f, 200, ok({ info_needed: { dropoff: [] }, dropoff: { branch_list: [] } }));
      case '/api/v2/logistics/ship_order': {
        const o = one(b.order_sn);
        if (!o) return refuse('error_not_found', 'order not found', 400);
        if (!b.dropoff && !b.pickup) return refuse('error_param', 'dropoff or pickup is required', 400);
        if (o.order_status !== 'READY_TO_SHIP')
          return refuse(
            'logistics.invalid_status',
            `order status is ${o.order_status}, it is already shipped`,
            400,
          );
        o.order_status = 'PROCESSED';
        o.tracking_number = `SPXCN${String(1000000 + number++)}`;
        fake.shipped.push(o.order_sn);
        return answer(res, f, 200, ok({}));
      }
      case '/api/v2/logistics/get_tracking_number':
        return answer(res, f, 200, ok({ tracking_number: one(q.get('order_sn'))?.tracking_number ?? '' }));
      case '/api/v2/logistics/create_shipping_document':
      case '/api/v2/logistics/get_shipping_document_result': {
        const list = (b.order_list ?? []) as { order_sn: string; tracking_number: string }[];
        const results = list.map((x) => {
          const o = one(x.order_sn);
          if (!o || o.tracking_number !== x.tracking_number)
            return { order_sn: x.order_sn, status: 'FAILED' };
          if (path.endsWith('create_shipping_document')) o.document = 'PROCESSING';
          else o.document = o.document === 'PROCESSING' ? 'READY' : (o.document ?? 'FAILED');
          return { order_sn: x.order_sn, status: o.document };
        });
        return answer(res, f, 200, ok({ result_list: results }));
      }
      case '/api/v2/logistics/download_shipping_document': {
        const list = (b.order_list ?? []) as { order_sn: string }[];
        if (!list.every((x) => one(x.order_sn)?.document === 'READY'))
          return refuse('logistics.document_not_ready', 'the document is not ready', 400);
        return void res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(PDF);
      }
      case '/api/v2/logistics/get_tracking_info':
        return answer(
          res,
          f,
          200,
          ok(
            fake.tracking.get(q.get('order_sn') ?? '') ?? {
              logistics_status: 'LOGISTICS_READY',
              tracking_info: [],
            },
          ),
        );
      default:
        return refuse('error_not_found', `no API ${path}`, 404);
    }
  })) as ShopeeFake;
  fake.orders = orders;
  fake.shipped = [];
  fake.refused = [];
  fake.tracking = new Map();
  fake.tokens = { access: 'access-1', refresh: 'refresh-1', expiresAt: Date.now() + 14_400_000 };
  fake.push = async (callbackUrl, payload, key = partnerKey) => {
    const raw = JSON.stringify(payload);
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: shopeePushSignature(key, callbackUrl, raw),
      },
      body: raw,
    });
    return res.status;
  };
  return fake;
}

/** A READY_TO_SHIP order as Shopee describes it. */
export function shopeeOrderFixture(sn: string, sku = 'TEA-LJ-250', qty = 1): ShopeeFakeOrder {
  return {
    order_sn: sn,
    order_status: 'READY_TO_SHIP',
    total_amount: 59.9,
    recipient_address: {
      name: 'Lim Wei',
      phone: '6591234567',
      state: 'Singapore',
      city: 'Singapore',
      district: 'Bedok',
      full_address: '10 Bedok North Ave 1, #05-12',
    },
    item_list: [{ item_sku: sku, model_sku: sku, item_name: '西湖龙井 250g', model_quantity_purchased: qty }],
  };
}
