import { kdniaoDataSign } from '..';
import { answer, form, startFake, type FakeServer } from './server';

export interface KdniaoFake extends FakeServer {
  orders: Map<string, { LogisticCode: string; SubOrders: string[]; cancelled: boolean }>;
  /** Every booking made, in order (a repeat of an OrderCode that got 106 is not one). */
  bookings: { OrderCode: string; LogisticCode: string }[];
  /** Like a sandbox restarted: the OrderCodes are forgotten and its numbers start again from the first. */
  restart(): void;
  /** Its number generator steps back (OrderCodes are kept): the next bookings get numbers already issued. */
  rewindNumbers(by: number): void;
  /** OrderCodes cancelled (1147), in order. */
  cancelled: string[];
  /** What 1002 answers per waybill (else: collected, one trace). */
  tracks: Map<string, { State: string; Traces: { AcceptTime: string; AcceptStation: string }[] }>;
}

/** KDNiao's EOrderService as a local server: checks DataSign, keeps OrderCodes, answers 106 for a repeat. */
export async function startKdniaoFake(eBusinessId: string, appKey: string): Promise<KdniaoFake> {
  const orders = new Map<string, { LogisticCode: string; SubOrders: string[]; cancelled: boolean }>();
  /** Carriers that answer a package count with sub-waybills (子母件), as KDNiao does for them. */
  const SUB_WAYBILLS = ['SF', 'JD', 'DBL', 'KYSY'];
  let next = 1;
  const fake = (await startFake((_req, body, res, f) => {
    const p = form(body);
    if (p.EBusinessID !== eBusinessId)
      return answer(res, f, 200, {
        Success: false,
        ResultCode: '104',
        Reason: '用户不存在 unknown EBusinessID',
      });
    if (!p.RequestData || p.DataSign !== kdniaoDataSign(p.RequestData, appKey))
      return answer(res, f, 200, {
        Success: false,
        ResultCode: '105',
        Reason: 'DataSign 签名错误 signature mismatch',
      });
    const data = JSON.parse(p.RequestData) as Record<string, unknown>;
    if (p.RequestType === '1007') {
      const code = String(data.OrderCode ?? '');
      const goods = (data.Commodity ?? []) as { GoodsName?: string }[];
      if (!code || !data.ShipperCode || !data.Receiver || goods.some((g) => !g.GoodsName))
        return answer(res, f, 200, {
          Success: false,
          ResultCode: '101',
          Reason: '缺少必要参数 missing parameter',
        });
      const quantity = Number(data.Quantity ?? 1);
      if (!Number.isInteger(quantity) || quantity < 1)
        return answer(res, f, 200, { Success: false, ResultCode: '102', Reason: 'Quantity 包裹数' });
      if (quantity > 1 && !SUB_WAYBILLS.includes(String(data.ShipperCode)))
        return answer(res, f, 200, {
          Success: false,
          ResultCode: '102',
          Reason: `${String(data.ShipperCode)} 不支持子母件 no sub-waybills for this carrier`,
        });
      const existing = orders.get(code);
      if (existing)
        return answer(res, f, 200, {
          Success: false,
          ResultCode: '106',
          Reason: '该订单号已下单成功',
          ...(existing.SubOrders.length
            ? { SubCount: existing.SubOrders.length, SubOrders: existing.SubOrders.join(',') }
            : {}),
          Order: {
            OrderCode: code,
            LogisticCode: existing.LogisticCode,
            MarkDestination: '成都转 武侯',
            SortingCode: '510-23',
          },
        });
      const LogisticCode = `7310${String(next++).padStart(8, '0')}`;
      const SubOrders = Array.from({ length: quantity - 1 }, () => `7310${String(next++).padStart(8, '0')}`);
      orders.set(code, { LogisticCode, SubOrders, cancelled: false }); // committed before any answer leaves
      fake.bookings.push({ OrderCode: code, LogisticCode });
      return answer(res, f, 200, {
        Success: true,
        ResultCode: '100',
        Reason: '',
        UniquerRequestNumber: `U${next}`,
        ...(SubOrders.length ? { SubCount: SubOrders.length, SubOrders: SubOrders.join(',') } : {}),
        Order: { OrderCode: code, LogisticCode, MarkDestination: '成都转 武侯', SortingCode: '510-23' },
        PrintTemplate: '<html>面单</html>',
      });
    }
    if (p.RequestType === '1147') {
      const o = orders.get(String(data.OrderCode));
      if (!o || o.LogisticCode !== data.ExpNo)
        return answer(res, f, 200, { Success: false, ResultCode: '102', Reason: 'no such order' });
      o.cancelled = true;
      fake.cancelled.push(String(data.OrderCode));
      return answer(res, f, 200, { Success: true, ResultCode: '100', Reason: 'cancelled' });
    }
    if (p.RequestType === '1002') {
      const t = fake.tracks.get(String(data.LogisticCode)) ?? {
        State: '2',
        Traces: [{ AcceptTime: '2026-11-29 10:00:00', AcceptStation: '【杭州】已揽收' }],
      };
      return answer(res, f, 200, { Success: true, ResultCode: '100', LogisticCode: data.LogisticCode, ...t });
    }
    return answer(res, f, 200, { Success: false, ResultCode: '103', Reason: 'unknown RequestType' });
  })) as KdniaoFake;
  fake.orders = orders;
  fake.bookings = [];
  fake.cancelled = [];
  fake.tracks = new Map();
  fake.rewindNumbers = (by) => {
    next = Math.max(1, next - by);
  };
  fake.restart = () => {
    orders.clear();
    next = 1;
  };
  return fake;
}

/**
 * A bench config file that books with this fake (demo data, ZPL labels to a folder): what the fault and crash tests
 * start `packbench serve` with. `carriers` adds to the carrier settings (timeouts); `extra` to the top level.
 */
export function kdniaoBenchConfig(
  fake: KdniaoFake,
  dir: string,
  o: { stationId: string; carriers?: Record<string, unknown>; extra?: Record<string, unknown> },
): Record<string, unknown> {
  return {
    station: { id: o.stationId },
    database: { path: 'bench.db' },
    demoData: true,
    carriers: {
      default: 'kdniao',
      kdniao: {
        baseUrl: `${fake.url}/api/EOrderService`,
        eBusinessId: '1234567',
        appKey: 'k',
        shipperCode: 'ZTO',
      },
      ...o.carriers,
    },
    printers: { label: { uri: `file:${dir}/labels/`, language: 'zpl' } },
    ...o.extra,
  };
}
