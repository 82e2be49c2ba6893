import { PACK_MODES } from '../../shared/scan';
import { z } from 'zod';
import { SCALE_PROTOCOLS } from '../../shared/devices';

const PrinterUri = z
  .string()
  .regex(/^(tcp:\/\/[^\s:/]+(:\d{1,5})?|serial:[^\s?]+(\?baud=\d+)?|file:.+|spooler:.+)$/, {
    message: 'printer URI must be tcp://HOST:PORT, serial:PATH?baud=N, file:PATH or spooler:NAME',
  });

const Parity = z.enum(['none', 'even', 'odd']);
const ScaleProtocol = z.enum(SCALE_PROTOCOLS);
const UsbId = z.number().int().min(0).max(0xffff);
/** A reading older than this is no current weight (a scale that went quiet, or was unplugged). */
const MaxReadingAge = z.number().int().min(100).max(60_000).default(1000);

const SerialScale = z.strictObject({
  kind: z.literal('serial'),
  port: z.string().min(1),
  protocol: ScaleProtocol,
  baud: z.number().int().positive().default(9600),
  /** Unset: the protocol's usual framing (see SERIAL_DEFAULTS). */
  parity: Parity.optional(),
  dataBits: z.union([z.literal(7), z.literal(8)]).optional(),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  /** For protocols whose frames carry no unit (Toledo 8217, 耀华). */
  unit: z.enum(['kg', 'g', 'lb', 'oz']).default('kg'),
  maxReadingAgeMs: MaxReadingAge,
});
const HidScale = z.strictObject({
  kind: z.literal('hid'),
  vendorId: UsbId,
  productId: UsbId,
  maxReadingAgeMs: MaxReadingAge,
});
const VirtualScale = z.strictObject({
  kind: z.literal('virtual'),
  grams: z.number().int().min(0).default(0),
  maxReadingAgeMs: MaxReadingAge,
});

/** The framing indicators ship with, per protocol: Toledo 8217 is 7E1, the rest 8N1. */
export const SERIAL_DEFAULTS: Record<string, { parity: 'none' | 'even' | 'odd'; dataBits: 7 | 8 }> = {
  toledo8217: { parity: 'even', dataBits: 7 },
};

function withSerialDefaults<S extends { kind: string }>(scale: S): S {
  if (scale.kind !== 'serial') return scale;
  const s = scale as S & { protocol: string; parity?: string; dataBits?: number };
  const d = SERIAL_DEFAULTS[s.protocol] ?? { parity: 'none', dataBits: 8 };
  return { ...s, parity: s.parity ?? d.parity, dataBits: s.dataBits ?? d.dataBits };
}

/** Wider tolerance for boxes holding these SKUs / categories. */
const ToleranceRules = z
  .record(
    z.string(),
    z.strictObject({ grams: z.number().min(0).optional(), percent: z.number().min(0).max(100).optional() }),
  )
  .default({});

const HexBytes = z
  .string()
  .regex(/^([0-9a-fA-F]{2})+$/, { message: 'hex bytes, e.g. 16 4d 0d written as 164d0d' });

const Scanner = z
  .strictObject({
    name: z.string().min(1),
    kind: z.enum(['wedge', 'serial', 'hid', 'usb']),
    port: z.string().min(1).optional(),
    baud: z.number().int().positive().optional(),
    suffix: z.enum(['cr', 'lf', 'crlf', 'tab', 'enter']).optional(),
    prefix: z.string().optional(),
    vendorId: UsbId.optional(),
    productId: UsbId.optional(),
    /** Bytes (hex) a serial scanner takes to beep good / bad, from its programming manual. */
    beep: z
      .strictObject({
        good: HexBytes.optional(),
        bad: HexBytes.optional(),
      })
      .optional(),
  })
  // Checked per scanner and per section, so `config check` reports every problem in one run, not one at a time.
  .superRefine((scanner, ctx) => {
    if (scanner.kind === 'serial' && !scanner.port)
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'a serial scanner needs a port' });
    if (
      (scanner.kind === 'hid' || scanner.kind === 'usb') &&
      (scanner.vendorId === undefined || scanner.productId === undefined)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['vendorId'],
        message: `a ${scanner.kind} scanner needs vendorId and productId`,
      });
  });

const Scanners = z
  .array(Scanner)
  .default([{ name: 'wedge', kind: 'wedge' }])
  .superRefine((scanners, ctx) => {
    const names = scanners.map((s) => s.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `scanner name "${name}" is used twice` });
    });
  });

const LabelPrinter = z.strictObject({
  uri: PrinterUri,
  language: z.enum(['zpl', 'tspl', 'epl', 'escpos', 'pdf']).default('pdf'),
  dpi: z.union([z.literal(203), z.literal(300)]).default(203),
  size: z.enum(['100x150', '76x130', '100x180', '4x6']).default('100x150'),
});
const SlipPrinter = z.strictObject({ uri: PrinterUri, language: z.enum(['escpos', 'pdf']) });

const Secret = z.string().min(1);
const Url = z.url();

const Price = z.strictObject({
  firstCents: z.number().int().min(0),
  extraPerKgCents: z.number().int().min(0),
});
const CarrierRule = z.strictObject({
  provinces: z.array(z.string()).optional(),
  excludeProvinces: z.array(z.string()).optional(),
  cod: z.boolean().optional(),
  minWeightG: z.number().int().min(0).optional(),
  maxWeightG: z.number().int().min(0).optional(),
  firstWeightG: z.number().int().min(1).optional(),
  divisor: z.number().positive().optional(),
  remoteSurchargeCents: z.number().int().min(0).optional(),
  prices: z.strictObject({ default: Price, byProvince: z.record(z.string(), Price).optional() }),
});
const CarrierName = z.enum(['pool', 'kdniao', 'sf', 'shipengine']);

/** SDR per unit, approximate: a warehouse sets today's IMF rates in `customs.sdrRates`. */
const SDR_RATES: Record<string, number> = {
  CNY: 0.102,
  USD: 0.735,
  EUR: 0.853,
  GBP: 0.978,
  JPY: 0.0049,
  HKD: 0.094,
  SGD: 0.566,
  AUD: 0.478,
  CAD: 0.53,
  KRW: 0.00053,
  MYR: 0.174,
  THB: 0.022,
  PHP: 0.0129,
  TWD: 0.0228,
};

const Carriers = z
  .strictObject({
    default: CarrierName.default('pool'),
    /** Price tables and limits per carrier, for choosing one per box. */
    rules: z.partialRecord(CarrierName, CarrierRule).default({}),
    /** A shop that always ships with one carrier. */
    shopOverride: z.record(z.string(), CarrierName).default({}),
    remoteProvinces: z.array(z.string()).default(['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃', '海南']),
    /** How long a carrier call may take before its outcome counts as unknown. */
    timeoutMs: z.number().int().min(500).default(8000),
    /** How often a booking whose outcome is unknown is asked again (same key). */
    retryMs: z.number().int().min(200).max(600_000).default(3000),
    pool: z
      .strictObject({
        carrierName: z.string().min(1).default('demo'),
        lowStockWarning: z.number().int().min(0).default(200),
      })
      .optional(),
    kdniao: z
      .strictObject({
        baseUrl: Url,
        eBusinessId: z.string().min(1),
        appKey: Secret,
        shipperCode: z.string().min(1),
        customerName: z.string().optional(),
        customerPwd: Secret.optional(),
        monthCode: z.string().optional(),
        /** 子母件 through KDNiao (one booking, sub-waybills); default: the carriers known to support it. */
        subWaybills: z.boolean().optional(),
      })
      .optional(),
    sf: z
      .strictObject({
        baseUrl: Url,
        partnerId: z.string().min(1),
        checkWord: Secret,
        monthlyCard: z.string().optional(),
      })
      .optional(),
    shipengine: z
      .strictObject({
        baseUrl: Url,
        apiKey: Secret,
        carrierId: z.string().min(1),
        serviceCode: z.string().min(1),
        /** Where ShipEngine publishes the keys its webhooks are signed with (a test points it at a fake). */
        webhookJwksUrl: Url.default('https://api.shipengine.com/jwks'),
      })
      .optional(),
  })
  .superRefine((carriers, ctx) => {
    const chosen = carriers.default;
    if (chosen !== 'pool' && !carriers[chosen])
      ctx.addIssue({
        code: 'custom',
        path: [chosen],
        message: `carriers.default is "${chosen}" but carriers.${chosen} is not configured`,
      });
  });

export const ConfigSchema = z
  .strictObject({
    station: z
      .strictObject({
        id: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'station id: 1–32 letters, digits, - or _' }),
        name: z.string().min(1).optional(),
        locale: z.enum(['zh-CN', 'en']).optional(),
        /** Appliance mode (desktop app): full screen, started at login, restarted after a crash; leaving needs an admin. */
        kiosk: z.boolean().default(false),
      })
      .prefault({ id: 'BENCH-01' }),
    database: z.strictObject({ path: z.string().min(1).optional() }).prefault({}),
    /** Events and label bytes of boxes closed longer ago than this move to monthly archive files. */
    retention: z.strictObject({ days: z.number().int().min(7).max(3650).default(90) }).prefault({}),
    scale: z.discriminatedUnion('kind', [SerialScale, HidScale, VirtualScale]).prefault({ kind: 'virtual' }),
    scanners: Scanners,
    // Every bench prints face sheets: without a label printer of its own it keeps the PDF folder.
    printers: z
      .strictObject({ label: LabelPrinter.prefault({ uri: 'file:labels' }), slip: SlipPrinter.optional() })
      .prefault({}),
    carriers: Carriers.prefault({}),
    weight: z
      .strictObject({
        toleranceGrams: z.number().int().min(0).default(50),
        tolerancePercent: z.number().min(0).max(100).default(5),
        bySku: ToleranceRules,
        byCategory: ToleranceRules,
        /** At or below this the platter counts as empty (a box was lifted). */
        nearZeroGrams: z.number().int().min(0).default(20),
        /** Scales without a stability flag: stable after this long within ±1 division. */
        stableWindowMs: z.number().int().min(100).default(500),
      })
      .prefault({}),
    notify: z
      .strictObject({
        url: Url,
        secret: Secret,
        /** Parcel status changes after handover (揽收 … 签收) go to the same URL too. */
        tracking: z.boolean().default(false),
      })
      .optional(),
    /** Marketplaces whose orders, shipping and labels the bench takes from the platform itself. */
    platforms: z
      .strictObject({
        shopee: z
          .strictObject({
            baseUrl: Url,
            partnerId: z.number().int().positive(),
            partnerKey: Secret,
            shopId: z.number().int().positive(),
            /** The shop's tokens when it was authorised; refreshed ones are kept by the bench. */
            accessToken: Secret,
            refreshToken: Secret,
            expiresAt: z.string().datetime({ offset: true }).optional(),
            /** Orders to ship are asked for this often, created in the last `days` (≤ 15). */
            intervalSeconds: z.number().int().min(30).max(86_400).default(300),
            days: z.number().int().min(1).max(15).default(7),
            shopName: z.string().min(1).default('Shopee'),
            /** The public URL Shopee pushes to (behind the TLS proxy): its pushes are signed over it. */
            pushUrl: Url.optional(),
          })
          .optional(),
      })
      .prefault({}),
    /** 跟踪 after handover: how often carriers are asked, and when a parcel needs a person. */
    tracking: z
      .strictObject({
        intervalMinutes: z.number().int().min(1).max(1440).default(30),
        pickupHours: z.number().min(1).max(720).default(24),
        stuckHours: z.number().min(1).max(2160).default(72),
      })
      .prefault({}),
    /** Cross-border parcels (跨境): what is declared, and what each carrier takes (README: Cross-border). */
    customs: z
      .strictObject({
        /** The shipper's country: an order to any other is declared; to this one nothing is asked. */
        from: z
          .string()
          .regex(/^[A-Z]{2}$/, { message: 'an ISO 3166 alpha-2 code, e.g. CN' })
          .default('CN'),
        /** SDR per unit of each currency (IMF rates; set today's), for the CN22 limit. */
        sdrRates: z
          .record(z.string().regex(/^[A-Z]{3}$/, { message: 'an ISO 4217 code' }), z.number().positive())
          .default(SDR_RATES),
        cn22LimitSdr: z.number().positive().default(300),
        /** Carriers whose service takes a CN22 only: over the limit a box cannot go with them. */
        cn22Only: z.array(CarrierName).default([]),
        /** Carriers whose service takes dangerous goods (UN3481 …); any other refuses them. */
        dangerousGoods: z.array(CarrierName).default([]),
        /** Commercial invoices printed with a parcel abroad (0: none). */
        invoiceCopies: z.number().int().min(0).max(5).default(2),
      })
      .prefault({}),
    /** Orders in without files: feeds pulled by URL and/or pushed to `/hooks/orders/{name}` (README: Order feeds). */
    feeds: z
      .strictObject({
        orders: z
          .array(
            z.strictObject({
              name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'letters, digits, - and _ (1–40)' }),
              url: Url.optional(),
              headers: z.record(z.string(), z.string()).optional(),
              intervalSeconds: z.number().int().min(5).max(86_400).default(60),
              limit: z.number().int().min(1).max(1000).default(100),
              webhookSecret: Secret.optional(),
              map: z
                .record(z.string(), z.string().regex(/^(\/.*)?$/, { message: 'a JSON pointer (/a/b)' }))
                .optional(),
            }),
          )
          .default([])
          .refine((l) => new Set(l.map((f) => f.name)).size === l.length, {
            message: 'feed names must differ',
          }),
      })
      .prefault({}),
    /** The sender printed on face sheets and sent to carriers. */
    shipper: z
      .strictObject({
        name: z.string().min(1),
        phone: z.string().min(3),
        province: z.string().min(1),
        city: z.string().min(1),
        district: z.string().default(''),
        address: z.string().min(1),
        postCode: z.string().optional(),
        company: z.string().optional(),
      })
      .prefault({
        name: 'Packbench 仓',
        phone: '057188886666',
        province: '浙江省',
        city: '杭州市',
        district: '余杭区',
        address: '文一西路 1500 号 3 号仓',
      }),
    scan: z
      .strictObject({
        /** The character a wedge scanner sends for GS (FNC1), when it cannot send 0x1D. */
        gsSubstitute: z.string().length(1).optional(),
        avgMsPerChar: z.number().positive().default(30),
        /** A pause longer than this ends a burst (the held characters go back to the focused field). */
        maxGapMs: z.number().int().min(10).max(2000).default(60),
        minLength: z.number().int().min(1).default(4),
        prefix: z.string().min(1).optional(),
      })
      .prefault({}),
    pack: z
      .strictObject({
        /** How a box starts; PB:MODE:ITEM / PB:MODE:ORDER switch a bench, and the switch is kept. */
        mode: z.enum(PACK_MODES).default('order-first'),
        itemFirst: z
          .strictObject({
            /** Only orders of this wave: every field given must match the order's. */
            filter: z
              .strictObject({
                shop: z.string().min(1).optional(),
                platform: z.string().min(1).optional(),
                carrier: z.string().min(1).optional(),
              })
              .default({}),
          })
          .prefault({}),
      })
      .prefault({}),
    reasons: z
      .strictObject({
        override: z
          .array(z.string().min(1))
          .min(1)
          .default(['customer-agreed', 'item-substituted', 'data-error', 'other']),
        hold: z
          .array(z.string().min(1))
          .min(1)
          .default(['damaged', 'missing-item', 'address-problem', 'other']),
        partial: z.array(z.string().min(1)).min(1).default(['short-stock', 'damaged', 'other']),
      })
      .prefault({}),
    inserts: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          name: z.string().min(1),
          barcode: z.string().min(1).optional(),
          weightG: z.number().int().min(0).default(0),
          whenSku: z.string().min(1).optional(),
          whenShop: z.string().min(1).optional(),
          minOrderValueCents: z.number().int().min(0).optional(),
        }),
      )
      .default([]),
    updates: z.strictObject({ url: Url }).optional(),
    handover: z.strictObject({ manifestDir: z.string().min(1) }).optional(),
    /** Warehouse mode: the benches share orders, claims, the waybill pool and the event log on one PostgreSQL. */
    warehouse: z
      .strictObject({
        postgresUrl: z.string().regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, {
          message: 'a PostgreSQL URL: postgres://USER:PASSWORD@HOST:5432/DATABASE',
        }),
        /** A file holding the password (else PGPASSWORD, else the URL's). */
        passwordFile: z.string().min(1).optional(),
        tls: z.enum(['disable', 'require', 'verify-full']).default('disable'),
        /** The CA certificate (PEM file) that signed the server's, for verify-full. */
        ca: z.string().min(1).optional(),
        /** With PostgreSQL unreachable: only orders this bench already claimed, or new ones too (checked later). */
        offline: z.enum(['claimed-only', 'allow-new']).default('claimed-only'),
        /** Pool waybill numbers a bench holds for packing offline. */
        waybillLease: z.number().int().min(0).max(10_000).default(50),
      })
      .refine((w) => w.tls !== 'verify-full' || w.ca !== undefined, {
        message: 'tls verify-full needs ca: the CA certificate file',
        path: ['ca'],
      })
      .optional(),
    demoData: z.boolean().optional(),
  })
  .transform((config) => ({ ...config, scale: withSerialDefaults(config.scale) }));

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
