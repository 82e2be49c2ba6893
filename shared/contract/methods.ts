import { z } from 'zod';
import { customsMethods } from './customs';
import { SCALE_PROTOCOLS } from '../devices';
import { StationInfo, StationState, DeviceStatus, ScaleReadingView, Screen } from './station';
import {
  Feedback,
  HandoverView,
  ImportReport,
  MismatchFilter,
  MismatchView,
  PrintJobView,
  Role,
} from './pack';

const NoParams = z.strictObject({}).optional();
const TrackStatus = z.enum(['collected', 'in-transit', 'delivering', 'signed', 'exception', 'returned']);
const Ok = z.strictObject({ ok: z.literal(true) });
const Reason = z.string().trim().min(1).max(200);

/** One WebSocket message is at most this large (the headless server closes the socket past it, code 1009). */
export const MESSAGE_MAX_BYTES = 1024 * 1024;
/** Inline file content: leaves room for the JSON around it within one message. */
export const INLINE_FILE_BASE64_MAX = 1_000_000;
const Pin = z.string().regex(/^\d{4,8}$/, { message: 'PIN: 4–8 digits' });
const SetupPort = z.string().min(1).max(200);
const SetupPrinterUri = z
  .string()
  .regex(/^(tcp|serial|file|spooler):/, { message: 'a printer URI: tcp:, serial:, file: or spooler:' })
  .max(300);
const SetupLanguage = z.enum(['zpl', 'tspl', 'epl', 'escpos', 'pdf']);

/** Every method the view may call, `domain.verb`, with the schema of its params and of its result. */
export const methods = {
  ...customsMethods,
  'station.info': { params: NoParams, result: StationInfo },
  'station.getState': { params: NoParams, result: StationState },
  /** Any scan: badge at login, order/waybill/tote to open a box, items, serials, inserts, command barcodes. */
  'scan.submit': {
    params: z.strictObject({ code: z.string().min(1).max(512), scanner: z.string().max(64).optional() }),
    result: Feedback,
  },
  /** The page and dialog the bench's screen shows now: what the station's scan router needs to know. */
  'screen.show': { params: Screen, result: Ok },
  'scale.setVirtual': {
    params: z.strictObject({ grams: z.number().int().min(0).max(1_000_000) }),
    result: Ok,
  },
  'scale.zero': { params: NoParams, result: Ok },
  'scale.tare': { params: NoParams, result: Ok },
  'package.list': {
    params: NoParams,
    result: z.array(z.strictObject({ code: z.string(), name: z.string(), tareG: z.number().int() })),
  },
  'box.setPackage': { params: z.strictObject({ code: z.string().min(1).max(64) }), result: Feedback },
  /** Book the weighed box now: again after a refusal, or with another carrier (a lead, with PIN). */
  'box.book': {
    params: z
      .strictObject({
        carrier: z.enum(['pool', 'kdniao', 'sf', 'shipengine']).optional(),
        lead: z.string().min(1).max(64).optional(),
        pin: Pin.optional(),
      })
      .optional(),
    result: Feedback,
  },
  /** A lead changes the carrier after booking: cancel at the carrier, then book with a new key. */
  'box.rebook': {
    params: z.strictObject({
      carrier: z.enum(['pool', 'kdniao', 'sf', 'shipengine']),
      lead: z.string().min(1).max(64),
      pin: Pin,
      reason: Reason,
    }),
    result: Feedback,
  },
  /** A lead enters the waybill by hand for a booking whose answer could not be recorded. */
  'box.enterWaybill': {
    params: z.strictObject({
      waybillNo: z.string().min(1).max(64),
      lead: z.string().min(1).max(64),
      pin: Pin,
      reason: Reason,
    }),
    result: Feedback,
  },
  'printer.test': { params: z.strictObject({ printer: z.enum(['label', 'slip']) }), result: Ok },
  /** Print the open box's label again; the reason is logged. */
  'printer.reprint': {
    params: z.strictObject({ reason: Reason, waybillNo: z.string().min(1).max(64).optional() }),
    result: Ok,
  },
  'printJob.list': { params: NoParams, result: z.array(PrintJobView) },
  'handover.open': {
    params: z.strictObject({ carrier: z.string().min(1).max(32) }),
    result: z.strictObject({ id: z.number().int() }),
  },
  'handover.current': { params: NoParams, result: HandoverView.nullable() },
  /** A closed batch's manifest PDF (written at this bench), to open or print. */
  'handover.manifest': {
    params: z.strictObject({ id: z.number().int().positive() }),
    result: z.strictObject({ fileName: z.string(), contentBase64: z.string().max(INLINE_FILE_BASE64_MAX) }),
  },
  /** Closed boxes no batch has taken yet, per carrier and packing bench (a warehouse: every bench's). */
  'handover.shelf': {
    params: NoParams,
    result: z.array(
      z.strictObject({
        carrier: z.string(),
        bench: z.string(),
        /** Cartons waiting (an order in several cartons counts each). */
        boxes: z.number().int(),
        oldest: z.string(),
      }),
    ),
  },
  'handover.close': {
    params: NoParams,
    result: z.strictObject({
      id: z.number().int(),
      carrier: z.string(),
      count: z.number().int(),
      pdf: z.string(),
      csv: z.string(),
    }),
  },
  /** 跟踪: parcels after handover that need a person (not picked up, no movement, exception, coming back). */
  'tracking.attention': {
    params: NoParams,
    result: z.array(
      z.strictObject({
        waybillNo: z.string(),
        orderNo: z.string(),
        carrier: z.string(),
        status: TrackStatus.nullable(),
        problem: z.enum(['not-picked-up', 'stuck', 'exception', 'returned']),
        since: z.string(),
      }),
    ),
  },
  /** An order's parcels, event by event as the carriers reported them (揽收 … 签收). */
  'tracking.timeline': {
    params: z.strictObject({ orderNo: z.string().min(1).max(64) }),
    result: z.array(
      z.strictObject({
        waybillNo: z.string(),
        at: z.string(),
        status: TrackStatus.nullable(),
        text: z.string(),
      }),
    ),
  },
  /** Asks the carriers now (a lead's "check now"); the bench also asks every `tracking.intervalMinutes`. */
  'tracking.poll': {
    params: NoParams,
    result: z.strictObject({
      enrolled: z.number().int(),
      asked: z.number().int(),
      changed: z.number().int(),
      failed: z.array(z.strictObject({ waybillNo: z.string(), reason: z.string() })),
    }),
  },
  /** Warehouse mode: every bench of the warehouse, live (the lead's board). */
  'warehouse.benches': {
    params: NoParams,
    result: z.array(
      z.strictObject({
        id: z.string(),
        lastSeen: z.string(),
        lagEvents: z.number().int(),
        openClaims: z.number().int(),
        packer: z.string().nullable(),
        orderNo: z.string().nullable(),
        phase: z.string().nullable(),
        devices: z.array(
          z.strictObject({
            kind: z.enum(['scale', 'scanner', 'printer']),
            name: z.string(),
            state: z.string(),
          }),
        ),
        boxesLastHour: z.number().int(),
        /** Boxes closed this UTC day (the warehouse's daily counts). */
        boxesToday: z.number().int(),
      }),
    ),
  },
  /** A lead frees the claims of a bench that stopped answering (its orders can then be packed elsewhere). */
  'warehouse.releaseBench': {
    params: z.strictObject({ bench: z.string().min(1).max(32), lead: z.string().min(1).max(64), pin: Pin }),
    result: z.strictObject({ released: z.number().int() }),
  },
  'handover.daily': {
    params: z.strictObject({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    result: z.array(
      z.strictObject({
        day: z.string(),
        carrier: z.string(),
        /** Cartons handed over, and the orders they belong to (an order in several cartons counts once). */
        boxes: z.number().int(),
        orders: z.number().int(),
        weightG: z.number().int(),
      }),
    ),
  },
  /** A box's whole story, for the mismatch review's timeline. */
  'session.events': {
    params: z.strictObject({ sessionId: z.string().min(1).max(64) }),
    result: z.array(
      z.strictObject({
        seq: z.number().int(),
        type: z.string(),
        at: z.string(),
        packer: z.string().nullable(),
        /** What the lead reads first, as named facts the page words (a code, a weight, a carrier…). */
        facts: z.array(z.strictObject({ key: z.string(), value: z.string() })),
      }),
    ),
  },
  'mismatch.stats': {
    params: z.strictObject({ from: z.string().optional(), to: z.string().optional() }),
    result: z.strictObject({
      perPackerDay: z.array(z.strictObject({ day: z.string(), packer: z.string(), count: z.number().int() })),
      topSkus: z.array(z.strictObject({ sku: z.string(), count: z.number().int() })),
      weightDeviation: z.array(z.strictObject({ bucketG: z.number().int(), count: z.number().int() })),
    }),
  },
  'mismatch.export': {
    params: z.strictObject({
      format: z.enum(['csv', 'xlsx']),
      from: z.string().optional(),
      to: z.string().optional(),
      packer: z.string().optional(),
      sku: z.string().optional(),
      type: z.string().optional(),
    }),
    result: z.strictObject({ fileName: z.string(), contentBase64: z.string() }),
  },
  'order.search': {
    params: z.strictObject({
      text: z.string().max(64).optional(),
      status: z.enum(['released', 'held', 'packing', 'packed', 'partial', 'cancelled']).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    result: z.strictObject({
      total: z.number().int(),
      rows: z.array(
        z.strictObject({
          orderNo: z.string(),
          shop: z.string().nullable(),
          status: z.string(),
          holdReason: z.string().nullable(),
          receiver: z.string().nullable(),
          city: z.string().nullable(),
          packedAt: z.string().nullable(),
          packedBy: z.string().nullable(),
          waybillNo: z.string().nullable(),
        }),
      ),
    }),
  },
  /** The bench's rules as configured (read-only here: IT edits config.json; secrets never leave the station). */
  'settings.get': {
    params: NoParams,
    result: z.strictObject({
      weight: z.strictObject({
        toleranceGrams: z.number(),
        tolerancePercent: z.number(),
        nearZeroGrams: z.number(),
        stableWindowMs: z.number(),
      }),
      reasons: z.strictObject({
        override: z.array(z.string()),
        hold: z.array(z.string()),
        partial: z.array(z.string()),
      }),
      inserts: z.array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          barcode: z.string().nullable(),
          whenSku: z.string().nullable(),
          whenShop: z.string().nullable(),
          minOrderValueCents: z.number().int().nullable(),
        }),
      ),
      carriers: z.array(
        z.strictObject({
          name: z.string(),
          /** The default price table (首重 / 续重), in fen; null when the carrier has none. */
          price: z
            .strictObject({ firstCents: z.number().int(), extraPerKgCents: z.number().int() })
            .nullable(),
        }),
      ),
      defaultCarrier: z.string(),
    }),
  },
  /** Warehouse mode: an admin (name or badge + PIN) changes a rule for every bench; the change is audited. */
  'settings.update': {
    params: z.strictObject({
      key: z.enum(['weight', 'reasons', 'inserts', 'carrierRules', 'boxTypes']),
      value: z.unknown(),
      admin: z.string().min(1).max(64),
      pin: Pin,
    }),
    result: Ok,
  },
  'scanner.test': { params: z.strictObject({ active: z.boolean() }), result: Ok },
  'user.login': {
    params: z.union([
      z.strictObject({ badge: z.string().min(1).max(64) }),
      z.strictObject({ name: z.string().min(1).max(64), pin: Pin }),
    ]),
    result: z.strictObject({ name: z.string(), role: Role }),
  },
  'user.logout': { params: NoParams, result: Ok },
  /** What the machine has, for setting the bench's devices up on screen; and the config file the set-up edits. */
  'setup.inventory': {
    params: NoParams,
    result: z.strictObject({
      serialPorts: z.array(
        z.strictObject({
          path: z.string(),
          manufacturer: z.string().nullable(),
          vendorId: z.string().nullable(),
          productId: z.string().nullable(),
          serialNumber: z.string().nullable(),
        }),
      ),
      usb: z.array(
        z.strictObject({
          vendorId: z.number().int(),
          productId: z.number().int(),
          name: z.string().nullable(),
          manufacturer: z.string().nullable(),
          hid: z.boolean(),
        }),
      ),
      printers: z.array(
        z.strictObject({ name: z.string(), driver: z.string().nullable(), port: z.string().nullable() }),
      ),
      configFile: z.string(),
    }),
  },
  'setup.detectScale': {
    params: z.strictObject({ port: SetupPort }),
    result: z.strictObject({
      use: z.enum(SCALE_PROTOCOLS).nullable(),
      ranked: z.array(
        z.strictObject({
          protocol: z.enum(SCALE_PROTOCOLS),
          frames: z.number().int(),
          noise: z.number().int(),
        }),
      ),
    }),
  },
  'setup.readScale': {
    params: z.strictObject({ port: SetupPort, protocol: z.enum(SCALE_PROTOCOLS) }),
    result: z.strictObject({ grams: z.number(), stable: z.boolean().nullable() }).nullable(),
  },
  'setup.testPrint': {
    params: z.strictObject({ uri: SetupPrinterUri, language: SetupLanguage }),
    result: Ok,
  },
  /** An admin writes the chosen devices into the config file (checked, the old one kept); used from the next start. */
  'setup.save': {
    params: z.strictObject({
      admin: z.string().min(1).max(64),
      pin: Pin,
      scale: z.strictObject({ port: SetupPort, protocol: z.enum(SCALE_PROTOCOLS) }).optional(),
      labelPrinter: z.strictObject({ uri: SetupPrinterUri, language: SetupLanguage }).optional(),
    }),
    result: z.strictObject({ file: z.string(), backup: z.string().nullable() }),
  },
  /**
   * An installed bench's first start found only a Windows user's older database: a shift lead of that database moves it
   * into the machine's data folder from the screen, and the app starts again on it. Only then; never at a running bench.
   */
  'database.adopt': {
    params: z.strictObject({ lead: z.string().min(1).max(64), pin: Pin }),
    result: z.strictObject({ from: z.string(), to: z.string() }),
  },
  /** The desktop app closes: an admin's name or badge and PIN (a kiosk bench, or one with a box open, needs them). */
  'app.quit': { params: z.strictObject({ admin: z.string().min(1).max(64), pin: Pin }), result: Ok },
  'user.list': { params: NoParams, result: z.array(z.strictObject({ name: z.string(), role: Role })) },
  'box.undo': { params: NoParams, result: Feedback },
  /** The button for PB:NEWBOX: the open carton is sealed for its weighing, and the order goes on in the next. */
  'box.newCarton': { params: NoParams, result: Feedback },
  'insert.confirm': {
    params: z.strictObject({ insertId: z.string().min(1).optional() }).optional(),
    result: Feedback,
  },
  'box.hold': { params: z.strictObject({ reason: Reason }), result: Feedback },
  'box.partial': { params: z.strictObject({ reason: Reason }), result: Feedback },
  'override.approve': {
    params: z.strictObject({
      lead: z.string().min(1).max(64),
      pin: Pin,
      reasonCode: Reason,
      comment: z.string().max(500).optional(),
    }),
    result: Feedback,
  },
  'order.release': {
    params: z.strictObject({ orderNo: z.string().min(1).max(64), lead: z.string().min(1).max(64), pin: Pin }),
    result: Ok,
  },
  'mismatch.list': {
    params: MismatchFilter,
    result: z.strictObject({ total: z.number().int().nullable(), rows: z.array(MismatchView) }),
  },
  'mismatch.resolve': {
    params: z.strictObject({
      id: z.number().int().positive(),
      comment: Reason,
      lead: z.string().min(1).max(64),
      pin: Pin,
    }),
    result: Ok,
  },
  /**
   * Import a file: small ones inline (base64, so one message stays under the WebSocket's 1 MiB), larger ones first
   * sent to the upload endpoint (`POST /upload` headless, the bridge's `upload` in Electron), then named by id.
   */
  'import.file': {
    params: z.union([
      z.strictObject({
        kind: z.enum(['orders', 'products']),
        fileName: z.string().min(1).max(255),
        contentBase64: z.string().max(INLINE_FILE_BASE64_MAX),
      }),
      z.strictObject({
        kind: z.enum(['orders', 'products']),
        fileName: z.string().min(1).max(255),
        uploadId: z.string().uuid(),
      }),
    ]),
    result: ImportReport,
  },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

/** Every event the station pushes to its views. */
export const events = {
  'station.state': StationState,
  'device.status': DeviceStatus,
  'scale.reading': ScaleReadingView,
  'printJob.updated': PrintJobView,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
