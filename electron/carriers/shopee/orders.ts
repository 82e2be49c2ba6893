import type { ShopeeClient } from './client';

interface ShopeeOrderDetail {
  order_sn: string;
  order_status: string;
  message_to_seller?: string;
  total_amount?: number;
  cod?: boolean;
  recipient_address?: {
    name?: string;
    phone?: string;
    state?: string;
    city?: string;
    district?: string;
    full_address?: string;
  };
  item_list?: {
    item_sku?: string;
    model_sku?: string;
    item_name?: string;
    model_quantity_purchased?: number;
  }[];
}

/** Shopee's order, in the order feed's shape: the platform mandates itself as the carrier. */
export function feedRecordOf(d: ShopeeOrderDetail, shop: string): Record<string, unknown> {
  const a = d.recipient_address ?? {};
  return {
    orderNo: d.order_sn,
    shop,
    platform: 'shopee',
    status: /CANCEL/.test(d.order_status) ? 'cancelled' : 'released',
    receiver: {
      name: a.name,
      phone: a.phone,
      province: a.state ?? '',
      city: a.city ?? '',
      district: a.district ?? '',
      address: a.full_address,
    },
    lines: (d.item_list ?? []).map((i) => ({
      sku: i.model_sku || i.item_sku,
      name: i.item_name ?? null,
      qty: i.model_quantity_purchased,
    })),
    note: d.message_to_seller || null,
    carrier: 'shopee',
    orderValue: d.total_amount ?? null,
    cod: d.cod ? (d.total_amount ?? null) : null,
  };
}

/**
 * The shop's orders to ship (READY_TO_SHIP, created in the last `days`, ≤ 15 as Shopee allows), page by page, and
 * their details 50 at a time. Each page is handed to `page` as feed records before the next is asked for.
 */
export async function shopeeOrdersToShip(
  client: ShopeeClient,
  o: { now: Date; days: number; shop: string },
  page: (records: Record<string, unknown>[]) => void | Promise<void>,
): Promise<number> {
  const to = Math.floor(o.now.getTime() / 1000);
  const from = to - Math.min(15, o.days) * 86_400;
  let cursor = '';
  let pages = 0;
  for (;;) {
    const list = await client.call('GET', '/api/v2/order/get_order_list', {
      time_range_field: 'create_time',
      time_from: from,
      time_to: to,
      page_size: 100,
      cursor,
      order_status: 'READY_TO_SHIP',
    });
    const sns = ((list.order_list ?? []) as { order_sn: string }[]).map((x) => x.order_sn);
    for (let i = 0; i < sns.length; i += 50) {
      const detail = await client.call('GET', '/api/v2/order/get_order_detail', {
        order_sn_list: sns.slice(i, i + 50).join(','),
        response_optional_fields: 'item_list,recipient_address,total_amount,message_to_seller',
      });
      await page(((detail.order_list ?? []) as ShopeeOrderDetail[]).map((d) => feedRecordOf(d, o.shop)));
    }
    pages++;
    if (!list.more) return pages;
    cursor = String(list.next_cursor ?? '');
  }
}

/** One order's detail in the feed's shape (a push names the order; the detail says the rest). */
export async function shopeeOrder(client: ShopeeClient, orderSn: string, shop: string) {
  const detail = await client.call('GET', '/api/v2/order/get_order_detail', {
    order_sn_list: orderSn,
    response_optional_fields: 'item_list,recipient_address,total_amount,message_to_seller',
  });
  const d = ((detail.order_list ?? []) as ShopeeOrderDetail[])[0];
  return d ? feedRecordOf(d, shop) : null;
}
