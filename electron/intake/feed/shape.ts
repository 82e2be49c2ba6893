import { z } from 'zod';
import { describeIssues } from '../../../shared/contract';

/**
 * The one JSON shape of an order feed, pulled (`GET url?cursor=C&limit=N`) or pushed (`POST /hooks/orders/{feed}`):
 * `{orders: [FeedOrder], next, more}`. Fields a system adds beyond these are ignored; a record missing one of them,
 * or with one of the wrong kind, is refused by itself with what was wrong, and the others go in.
 */
export const FEED_STATUSES = ['released', 'hold', 'cancelled', 'refunded'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);

export const FeedOrder = z.object({
  orderNo: text(64).min(1),
  shop: text(100).nullish(),
  platform: text(40).nullish(),
  status: z.enum(FEED_STATUSES),
  holdReason: text(200).nullish(),
  receiver: z.object({
    name: text(100).min(1),
    phone: text(40).min(3),
    province: text(40),
    city: text(40),
    district: text(40).default(''),
    address: text(300).min(1),
  }),
  lines: z
    .array(
      z.object({
        sku: text(64).min(1),
        name: text(200).nullish(),
        qty: z.number().int().min(1).max(9999),
        /** 跨境: the declared unit value and its ISO 4217 currency (checked at the bench before booking). */
        declaredValue: z.number().min(0).max(10_000_000).nullish(),
        currency: text(3).toUpperCase().nullish(),
      }),
    )
    .min(1)
    .max(500),
  note: text(500).nullish(),
  carrier: text(40).nullish(),
  /** Yuan, as the shop shows them. */
  orderValue: z.number().min(0).max(10_000_000).nullish(),
  cod: z.number().min(0).max(10_000_000).nullish(),
  /** 跨境: the destination (ISO 3166 alpha-2; absent: domestic), the buyer's tax id or IOSS, DDU or DDP. */
  country: text(2).toUpperCase().nullish(),
  buyerTaxId: text(40).nullish(),
  ioss: text(20).nullish(),
  incoterm: z.enum(['DDU', 'DDP']).nullish(),
});
export type FeedOrder = z.infer<typeof FeedOrder>;

export const FeedPage = z.object({
  orders: z.array(z.unknown()).max(5000),
  next: z.union([z.string().max(500), z.number()]).nullish(),
  more: z.boolean().default(false),
});
export type FeedPage = z.infer<typeof FeedPage>;

/** A field map: shape field (`orderNo`, `receiver.name`, `lines`, `lines.sku`, `orders`, `next`, `more`) → JSON pointer. */
export type FieldMap = Record<string, string>;

/** RFC 6901: `/a/b~1c/0` → a, b/c, 0. */
export function readPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer (it starts with /)`);
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const ORDER_FIELDS = [
  'orderNo',
  'shop',
  'platform',
  'status',
  'holdReason',
  'note',
  'carrier',
  'orderValue',
  'cod',
  'country',
  'buyerTaxId',
  'ioss',
  'incoterm',
];
const RECEIVER_FIELDS = ['name', 'phone', 'province', 'city', 'district', 'address'];
const LINE_FIELDS = ['sku', 'name', 'qty', 'declaredValue', 'currency'];

/** A page as another system writes it, read through the map into the feed's shape (unmapped fields by their name). */
export function mapPage(body: unknown, map: FieldMap = {}): unknown {
  if (!map.orders && !map.next && !map.more) return body;
  return {
    orders: readPointer(body, map.orders ?? '/orders'),
    next: readPointer(body, map.next ?? '/next'),
    more: readPointer(body, map.more ?? '/more'),
  };
}

/** One record as another system writes it, read through the map into the feed's shape. */
export function mapOrder(record: unknown, map: FieldMap = {}): unknown {
  const keys = Object.keys(map).filter((k) => k !== 'orders' && k !== 'next' && k !== 'more');
  if (keys.length === 0) return record;
  const at = (field: string, from: unknown = record) =>
    readPointer(from, map[field] ?? `/${field.split('.').at(-1)}`);
  const out: Record<string, unknown> = {};
  for (const f of ORDER_FIELDS) out[f] = at(f);
  const receiverRoot = map.receiver ? readPointer(record, map.receiver) : readPointer(record, '/receiver');
  out.receiver = Object.fromEntries(
    RECEIVER_FIELDS.map((f) => [
      f,
      map[`receiver.${f}`] ? at(`receiver.${f}`) : readPointer(receiverRoot, `/${f}`),
    ]),
  );
  const lines = at('lines');
  out.lines = Array.isArray(lines)
    ? lines.map((l) => Object.fromEntries(LINE_FIELDS.map((f) => [f, at(`lines.${f}`, l)])))
    : lines;
  return out;
}

/** A record checked against the shape: the order, or why it is refused (named by its order no. where it has one). */
export function checkOrder(
  record: unknown,
  map?: FieldMap,
): { ok: true; order: FeedOrder } | { ok: false; orderNo: string | null; reason: string } {
  let mapped: unknown;
  try {
    mapped = mapOrder(record, map);
  } catch (err) {
    return { ok: false, orderNo: null, reason: (err as Error).message };
  }
  const r = FeedOrder.safeParse(mapped);
  if (r.success) return { ok: true, order: r.data };
  const no = (mapped as { orderNo?: unknown } | null)?.orderNo;
  return {
    ok: false,
    orderNo: typeof no === 'string' && no.trim() ? no.trim() : null,
    reason: describeIssues(r.error).join('; '),
  };
}
