import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPage } from '../../intake';
import { startShopeeFake, shopeeOrderFixture, type ShopeeFake } from '../fakes';
import type { ShipmentRequest } from '../model';
import { ShopeeAdapter } from './adapter';
import { ShopeeClient, type ShopeeTokens } from './client';
import { shopeeOrdersToShip } from './orders';
import { shopeeSign } from './sign';

const PARTNER = 2001234;
const KEY = 'shpk-test-partner-key';
const SHOP = 770001;
let fake: ShopeeFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function client(f: ShopeeFake, tokens: Partial<ShopeeTokens> = {}, key = KEY) {
  let held: ShopeeTokens = {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
    ...tokens,
  };
  const store = { get: () => held, set: (t: ShopeeTokens) => void (held = t) };
  return {
    c: new ShopeeClient({ baseUrl: f.url, partnerId: PARTNER, partnerKey: key, shopId: SHOP }, store, 2000),
    store,
  };
}
const req = (orderSn: string): ShipmentRequest => ({
  carrier: 'shopee',
  shipper: {
    name: '仓',
    phone: '0571',
    province: '浙江省',
    city: '杭州市',
    district: '',
    address: '文一西路',
  },
  recipient: { name: 'Lim', phone: '65', province: '', city: 'Singapore', district: '', address: 'Bedok' },
  parcels: [{ weightG: 500, items: [] }],
  options: {},
  reference: orderSn,
  idempotencyKey: `${orderSn}-1`,
});

describe('Shopee Open Platform v2', () => {
  it('signs as Shopee documents: HMAC-SHA256 of partner_id + path + timestamp + access_token + shop_id, lowercase hex', () => {
    const want = createHmac('sha256', KEY)
      .update(`${PARTNER}/api/v2/order/get_order_list1700000000access-1${SHOP}`)
      .digest('hex');
    expect(shopeeSign(KEY, PARTNER, '/api/v2/order/get_order_list', 1700000000, 'access-1', SHOP)).toBe(want);
    expect(shopeeSign(KEY, PARTNER, '/api/v2/auth/access_token/get', 1700000000)).toBe(
      createHmac('sha256', KEY).update(`${PARTNER}/api/v2/auth/access_token/get1700000000`).digest('hex'),
    );
  });

  it('the fake refuses a wrong key; a token about to expire is refreshed first and kept; a refused refresh is an error', async () => {
    fake = await startShopeeFake(PARTNER, KEY, SHOP);
    await expect(
      client(fake, {}, 'wrong-key').c.call('GET', '/api/v2/order/get_order_list', {}),
    ).rejects.toThrow(/error_sign/);
    const { c, store } = client(fake, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await c.call('GET', '/api/v2/order/get_order_list', { page_size: 1 });
    expect(store.get()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(fake.refused).toEqual(['error_sign']);
    // A token Shopee has expired (the bench thought it good): refused by the platform, said as Shopee says it.
    fake.tokens.expiresAt = Date.now() - 1000;
    await expect(c.call('GET', '/api/v2/order/get_order_list', {})).rejects.toThrow(/invalid_acceess_token/);
    fake.tokens.expiresAt = Date.now() + 3_600_000;
    // The shop's refresh token no longer works (re-authorisation needed): said, not retried.
    fake.tokens.refresh = 'revoked';
    const dying = client(fake, {
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      expiresAt: new Date().toISOString(),
    });
    await expect(dying.c.call('GET', '/api/v2/order/get_order_list', {})).rejects.toThrow(/error_auth/);
  });

  it("orders to ship come in the feed's shape; shipping assigns the tracking number once and the document is a PDF", async () => {
    fake = await startShopeeFake(PARTNER, KEY, SHOP);
    for (const sn of ['2611300AAA', '2611300BBB', '2611300CCC']) fake.orders.set(sn, shopeeOrderFixture(sn));
    fake.orders.get('2611300CCC')!.order_status = 'CANCELLED';
    const { c } = client(fake);
    const records: unknown[] = [];
    await shopeeOrdersToShip(
      c,
      { now: new Date(), days: 7, shop: 'Shopee SG' },
      (r) => void records.push(...r),
    );
    const page = checkPage({ orders: records });
    expect(page.refused).toEqual([]);
    expect(page.orders.map((o) => [o.orderNo, o.status, o.carrier, o.platform])).toEqual([
      ['2611300AAA', 'released', 'shopee', 'shopee'],
      ['2611300BBB', 'released', 'shopee', 'shopee'],
    ]);
    expect(page.orders[0]!.receiver).toMatchObject({
      name: 'Lim Wei',
      city: 'Singapore',
      address: '10 Bedok North Ave 1, #05-12',
    });

    const shopee = new ShopeeAdapter(c, 20);
    const booked = await shopee.book(req('2611300AAA'));
    expect(booked).toMatchObject({
      kind: 'booked',
      details: {
        carrier: 'shopee',
        waybillNo: fake.orders.get('2611300AAA')!.tracking_number,
        label: { format: 'pdf' },
      },
    });
    if (booked.kind === 'booked') expect(booked.details.label!.data.subarray(0, 5).toString()).toBe('%PDF-');
    // Asked again (a lost answer): recognised as shipped, the same number, nothing shipped twice.
    expect(await shopee.recover(req('2611300AAA'))).toMatchObject({
      details: { waybillNo: fake.orders.get('2611300AAA')!.tracking_number },
    });
    expect(fake.shipped).toEqual(['2611300AAA']);
    // Tracking by the order's number.
    fake.tracking.set('2611300AAA', {
      logistics_status: 'LOGISTICS_DELIVERY_DONE',
      tracking_info: [
        { update_time: 1764500000, description: 'Parcel picked up' },
        { update_time: 1764590000, description: 'Parcel delivered' },
      ],
    });
    expect(await shopee.track('2611300AAA')).toMatchObject({
      state: 'signed',
      events: [{ text: 'Parcel picked up' }, {}],
    });
  });
});
