import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startShopeeFake, shopeeOrderFixture, type ShopeeFake } from '../../carriers/fakes';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { startHooksServer, type HooksServer } from '../../server';
import { tempDir, waitFor } from '../../testing';
import { Station } from '..';

// The seed's 虾皮 flow at one bench: Shopee's orders to ship come in, the box ships through Shopee with the platform's
// own document printed as the face sheet, and Shopee's push of a cancellation stops the next box.
let dir: string;
let cleanup: () => void;
let station: Station;
let fake: ShopeeFake;
let hooks: HooksServer;
const PUSH_URL = 'https://bench.example.com/hooks/shopee';

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await startShopeeFake(2001234, 'shpk-key', 770001);
  for (const sn of ['2611300AAA', '2611300BBB']) fake.orders.set(sn, shopeeOrderFixture(sn));
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'S-1' },
        printers: { label: { uri: `file:${dir}/labels/`, language: 'zpl' } },
        platforms: {
          shopee: {
            baseUrl: fake.url,
            partnerId: 2001234,
            partnerKey: 'shpk-key',
            shopId: 770001,
            accessToken: 'access-1',
            refreshToken: 'refresh-1',
            shopName: 'Shopee SG',
            pushUrl: PUSH_URL,
          },
        },
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });
  hooks = await startHooksServer({ host: '127.0.0.1', port: 0, feeds: station.hooks, log: silentLog });
});
afterEach(async () => {
  await hooks.close();
  await station.close();
  await fake.close();
  cleanup();
});

it("Shopee's orders to ship are packed, shipped through Shopee with its document as the label; a pushed cancel stops the next box", async () => {
  await waitFor(() => station.repos.orders.findByCode('2611300BBB'), 5000, 'orders pulled at start');
  expect(station.repos.orders.findByCode('2611300AAA')!.order).toMatchObject({
    platform: 'shopee',
    carrier_required: 'shopee',
    shop: 'Shopee SG',
  });
  station.scan('U1001');
  for (const code of ['2611300AAA', 'BOX-S', '6900012345004']) station.scan(code);
  station.scale.setWeight!(0);
  station.scale.setWeight!(423);
  await waitFor(() => station.state().phase === 'labelling', 8000, 'shipped through Shopee');
  const box = station.state().box!;
  expect(box.shipment).toMatchObject({
    carrier: 'shopee',
    waybillNo: fake.orders.get('2611300AAA')!.tracking_number,
  });
  expect(fake.shipped).toEqual(['2611300AAA']);
  // The platform's PDF, rasterised into the printer's language.
  const job = station.store.db.prepare("SELECT payload FROM print_jobs WHERE kind = 'label'").get() as {
    payload: Buffer;
  };
  expect(job.payload.subarray(0, 3).toString()).toBe('^XA');
  station.scan(box.shipment!.waybillNo!);
  expect(station.state().box).toBeNull();

  // The next box is open when Shopee pushes its cancellation: a wrong signature first, then Shopee's own.
  station.scan('2611300BBB');
  expect(station.state().box?.orderNo).toBe('2611300BBB');
  const cancel = {
    code: 3,
    shop_id: 770001,
    timestamp: 1764500000,
    data: { ordersn: '2611300BBB', status: 'IN_CANCEL' },
  };
  // Shopee signs over the public URL it calls; the bench checks against the same (pushUrl), wherever it listens.
  const at = `${hooks.url}/hooks/shopee`;
  const post = (auth: string) =>
    fetch(at, { method: 'POST', headers: { Authorization: auth }, body: JSON.stringify(cancel) }).then(
      (r) => r.status,
    );
  expect(await post('0'.repeat(64))).toBe(401);
  expect(station.state().box?.orderNo).toBe('2611300BBB');
  const { shopeePushSignature } = await import('../../carriers');
  expect(await post(shopeePushSignature('shpk-key', PUSH_URL, JSON.stringify(cancel)))).toBe(200);
  expect(station.state()).toMatchObject({
    box: null,
    feedback: { kind: 'box-intercepted', params: { orderNo: '2611300BBB', reason: 'Shopee IN_CANCEL' } },
  });
});
