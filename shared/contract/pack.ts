import { z } from 'zod';

export const Role = z.enum(['packer', 'lead', 'admin']);

/** How a scan or action went, for colour and sound: one tone per outcome. */
export const Tone = z.enum(['ok', 'wrong', 'over', 'unknown', 'done', 'info', 'warn']);
export type Tone = z.infer<typeof Tone>;

/** Every message the station can give the packer; the view has a translation for each (a test checks). */
export const FEEDBACK_KINDS = [
  'login',
  'logout',
  'badge-unknown',
  'login-refused',
  'box-opened',
  'box-resumed',
  'order-unknown',
  'order-held',
  'order-packed',
  'order-open-elsewhere',
  'item-ok',
  'insert-ok',
  'box-verified',
  'serial-needed',
  'wrong-item',
  'over-scan',
  'unknown-barcode',
  'expired',
  'serial-duplicate',
  'scan-test',
  'undone',
  'nothing-to-undo',
  'no-box',
  'no-insert',
  'box-held',
  'box-partial',
  'partial-empty',
  'override-approved',
  'box-waiting-weight',
  'box-waiting-booking',
  'package-set',
  'weight-ok',
  'weight-unusual',
  'weight-over',
  'weight-under',
  'weight-unknown',
  'weight-approved',
  'no-override',
  'booking',
  'booked',
  'booking-failed',
  'booking-unknown',
  'booking-in-progress',
  'booking-attention',
  'booking-exists',
  'waybill-entered',
  'no-carrier',
  'customs-blocked',
  'customs-fixed',
  'box-closed',
  'label-mismatch',
  'label-not-printed',
  'rebooking',
  'handover-added',
  'handover-other-carrier',
  'handover-unlabelled',
  'handover-not-closed',
  'handover-duplicate',
  'handover-no-batch',
  'handover-loading',
  'handover-offline',
  'approval-lead',
  'approval-not-lead',
  'order-claiming',
  'order-claimed-elsewhere',
  'warehouse-offline',
  'box-intercepted',
  'mode-set',
  'wave-set',
  'item-first-opened',
  'no-single-order',
  'quit-needs-admin',
  'carton-sealed',
  'carton-empty',
  'carton-all-in',
  'carton-waiting-weight',
  'carton-weight-ok',
  'carton-label-ok',
  'label-twice',
  'handover-carton-added',
] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

/**
 * What the packer is told after a scan or action. `kind` is a message key the view translates (`feedback.<kind>`),
 * `params` fill it in. `id` increases so the view plays each sound once.
 */
export const Feedback = z.strictObject({
  id: z.number().int().nonnegative(),
  tone: Tone,
  kind: FeedbackKind,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  code: z.string().nullable(),
  at: z.string(),
});
export type Feedback = z.infer<typeof Feedback>;

export const BoxLineView = z.strictObject({
  key: z.string(),
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  image: z.string().nullable(),
  required: z.number().int(),
  scanned: z.number().int(),
  serialRequired: z.boolean(),
  kit: z.strictObject({ sku: z.string(), name: z.string() }).nullable(),
});

export const BoxView = z.strictObject({
  sessionId: z.string(),
  orderNo: z.string(),
  shop: z.string().nullable(),
  receiverName: z.string().nullable(),
  city: z.string().nullable(),
  note: z.string().nullable(),
  lines: z.array(BoxLineView),
  inserts: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      barcode: z.string().nullable(),
      confirmed: z.boolean(),
    }),
  ),
  verification: z.enum(['open', 'complete', 'overridden', 'partial']),
  short: z.array(z.strictObject({ sku: z.string(), missing: z.number().int() })),
  awaitingSerial: z.strictObject({ sku: z.string() }).nullable(),
  serials: z.array(z.strictObject({ sku: z.string(), serial: z.string() })),
  canUndo: z.boolean(),
  package: z.strictObject({ code: z.string(), name: z.string(), tareG: z.number().int() }).nullable(),
  suggestedPackage: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  weight: z.strictObject({
    expectedG: z.number().int(),
    toleranceG: z.number().int(),
    grams: z.number().int().nullable(),
    differenceG: z.number().int().nullable(),
    verdict: z.enum(['under', 'ok', 'over', 'unknown']).nullable(),
    missingWeights: z.array(z.string()),
    usualG: z.number().int().nullable(),
    unusual: z.boolean(),
  }),
  weightApproved: z.boolean(),
  /**
   * An order in several cartons (一单多包): every carton so far, the open one last; empty while the order is in one
   * carton. `state`: being packed, sealed and waiting for its weight, or weighed.
   */
  cartons: z.array(
    z.strictObject({
      no: z.number().int().positive(),
      state: z.enum(['packing', 'weighing', 'weighed']),
      items: z.array(z.strictObject({ sku: z.string(), name: z.string(), qty: z.number().int() })),
      packageName: z.string().nullable(),
      grams: z.number().int().nullable(),
      waybillNo: z.string().nullable(),
      labelScanned: z.boolean(),
    }),
  ),
  /** The carton being packed or weighed now (1 for an order in one carton). */
  carton: z.number().int().positive(),
  /** PB:NEWBOX would start another carton now (the open one has items, and some are still to come). */
  canNewCarton: z.boolean(),
  /** 跨境: the last booking was refused for its declaration (English phrases joined by "; "); null otherwise. */
  customsBlocked: z.strictObject({ problems: z.string() }).nullable(),
  shipment: z
    .strictObject({
      carrier: z.string(),
      status: z.enum(['requesting', 'booked', 'failed', 'unknown', 'attention']),
      waybillNo: z.string().nullable(),
      markDestination: z.string().nullable(),
      priceCents: z.number().int().nullable(),
      reasons: z.array(z.string()),
      failure: z.string().nullable(),
      label: z.enum(['queued', 'sending', 'done', 'failed', 'void']).nullable(),
    })
    .nullable(),
});
export type BoxView = z.infer<typeof BoxView>;

export const MismatchView = z.strictObject({
  id: z.number().int(),
  sessionId: z.string(),
  type: z.string(),
  orderNo: z.string(),
  sku: z.string().nullable(),
  code: z.string().nullable(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  packer: z.string().nullable(),
  stationId: z.string(),
  at: z.string(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type MismatchView = z.infer<typeof MismatchView>;

export const MismatchCursor = z.strictObject({ at: z.string().min(1).max(40), id: z.number().int() });

export const MismatchFilter = z
  .strictObject({
    from: z.string().optional(),
    to: z.string().optional(),
    packer: z.string().optional(),
    sku: z.string().optional(),
    type: z.string().optional(),
    station: z.string().optional(),
    resolved: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).default(50),
    /** Keyset paging: the last row of the page before (older rows next) or the first of the page after (newer). */
    after: MismatchCursor.optional(),
    before: MismatchCursor.optional(),
    /** A page turn keeps the total it had: false skips counting (the answer's total is then null). */
    count: z.boolean().default(true),
  })
  .refine((f) => !(f.after && f.before), { message: 'a page is after one row or before one, not both' });

export const ImportReport = z.strictObject({
  kind: z.enum(['orders', 'products']),
  preset: z.string(),
  encoding: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  refused: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
  warnings: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
  committed: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const PrintJobView = z.strictObject({
  id: z.number().int(),
  printer: z.string(),
  kind: z.string(),
  waybillNo: z.string().nullable(),
  status: z.enum(['queued', 'sending', 'done', 'failed', 'void']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

export const HandoverView = z.strictObject({
  id: z.number().int(),
  carrier: z.string(),
  lines: z.array(
    z.strictObject({
      waybillNo: z.string(),
      orderNo: z.string(),
      weightG: z.number().int().nullable(),
      scannedAt: z.string(),
      /** The bench that packed the box (a warehouse's shared dock). */
      bench: z.string().optional(),
      /** Which carton of its order this is, of how many (1 of 1 for an order in one carton). */
      carton: z.number().int().positive(),
      cartons: z.number().int().positive(),
    }),
  ),
  /** Cartons of orders on this batch that are not on it yet: the batch warns by order. */
  missing: z.array(
    z.strictObject({
      orderNo: z.string(),
      carton: z.number().int().positive(),
      cartons: z.number().int().positive(),
      waybillNo: z.string(),
    }),
  ),
});
