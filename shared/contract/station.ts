import { PACK_MODES } from '../scan';
import { z } from 'zod';
import { BoxView, Feedback, Role } from './pack';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const DeviceKind = z.enum(['scale', 'scanner', 'printer']);

/**
 * What a bench device is doing right now. `virtual` is a software device (training scale, file printer);
 * `not-connected` means configured but no driver has reached it yet.
 */
export const DeviceState = z.enum([
  'ready',
  'virtual',
  'connecting',
  'not-connected',
  'disconnected',
  'error',
]);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.strictObject({
  id: z.string().min(1),
  kind: DeviceKind,
  name: z.string(),
  state: DeviceState,
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const ConfigSource = z.strictObject({
  kind: z.enum(['flag', 'env', 'machine', 'user', 'default']),
  path: z.string().nullable(),
});
export type ConfigSource = z.infer<typeof ConfigSource>;

export const StationInfo = z.strictObject({
  version: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  locale: Locale.nullable(),
  configSource: ConfigSource,
  devices: z.array(DeviceStatus),
  scale: z.strictObject({ protocol: z.string(), canZero: z.boolean(), canTare: z.boolean() }),
  /** Carriers set up at this bench (the waybill pool is always one). */
  carriers: z.array(z.string()),
  /** Warehouse mode: the benches share one PostgreSQL (the Benches page shows them). */
  warehouse: z.boolean(),
  /** The desktop app (it can be quit from its screen); `kiosk`: full screen, leaving it needs an admin. */
  desktop: z.boolean(),
  kiosk: z.boolean(),
  /** Keyboard-wedge settings the page's scan detector uses. */
  wedge: z.strictObject({
    avgMsPerChar: z.number(),
    maxGapMs: z.number(),
    minLength: z.number().int(),
    prefix: z.string().nullable(),
  }),
});
export type StationInfo = z.infer<typeof StationInfo>;

/** The pages of the bench's screen. */
export const SCREEN_PAGES = [
  'pack',
  'mismatches',
  'orders',
  'handover',
  'benches',
  'devices',
  'settings',
] as const;
export const ScreenPage = z.enum(SCREEN_PAGES);
export type ScreenPage = z.infer<typeof ScreenPage>;

/**
 * What the bench's screen shows now, as the page tells the station: the station's scan router reads it to decide what
 * a scan means (a box loaded at handover, a lead's badge into an open approval dialog, …). The page never routes.
 */
export const Screen = z.strictObject({
  page: ScreenPage,
  /** `approval`: a dialog that needs a shift lead (override, rebooking, release, resolve) is open. */
  dialog: z.enum(['approval']).nullable(),
});
export type Screen = z.infer<typeof Screen>;

/** login → idle (no box) → verifying (scanning items) → weighing (on the scale) → booking (weight approved). */
export const StationPhase = z.enum(['login', 'idle', 'verifying', 'weighing', 'booking', 'labelling']);

export const StationState = z.strictObject({
  stationId: z.string(),
  phase: StationPhase,
  packer: z.strictObject({ name: z.string(), role: Role }).nullable(),
  box: BoxView.nullable(),
  feedback: Feedback.nullable(),
  /** Devices page "scan something": while active, scans are shown here and not packed. */
  scanTest: z.strictObject({
    active: z.boolean(),
    last: z
      .strictObject({
        code: z.string(),
        symbology: z.string().nullable(),
        scanner: z.string(),
        at: z.string(),
      })
      .nullable(),
  }),
  reasons: z.strictObject({
    override: z.array(z.string()),
    hold: z.array(z.string()),
    partial: z.array(z.string()),
  }),
  /**
   * How a box starts at this bench: from the order (order-first), or from an item that chooses a single-item order
   * (item-first); `wave` is the pick list or tote whose orders item scans fill, once one was scanned.
   */
  packing: z.strictObject({ mode: z.enum(PACK_MODES), wave: z.string().nullable() }),
  /** Bumped on every change, so a view can drop a stale push. */
  revision: z.number().int().nonnegative(),
  /**
   * Bumped when this bench writes or resolves a mismatch: the lead's review reloads on it (coalesced), never on every
   * scan's push — its queries are the heavy ones.
   */
  mismatches: z.number().int().nonnegative(),
  /** False while the scale is unplugged or failing: no box is weighed, and the weight panel says so. */
  scaleConnected: z.boolean(),
  screen: Screen,
  /** The shift lead whose badge was scanned into the open approval dialog (cleared when the dialog closes). */
  approval: z.strictObject({ lead: z.string() }).nullable(),
  /** Warehouse mode: whether the warehouse answers, since when it does not, and the events not yet confirmed. */
  warehouse: z
    .strictObject({
      online: z.boolean(),
      since: z.string().nullable(),
      waiting: z.number().int().nonnegative(),
      /** The warehouse was migrated past what this bench knows: update the bench. */
      newerSchema: z.strictObject({ found: z.number().int(), known: z.number().int() }).nullable(),
      olderSchema: z.strictObject({ found: z.number().int(), known: z.number().int() }).nullable(),
    })
    .nullable(),
});
export type StationState = z.infer<typeof StationState>;

/** Live weight, pushed as the scale reports it. */
export const ScaleReadingView = z.strictObject({
  grams: z.number().int().nullable(),
  stable: z.boolean(),
  error: z.string().nullable(),
  at: z.string(),
});
export type ScaleReadingView = z.infer<typeof ScaleReadingView>;
