import type { MismatchView, PrintJobView } from '../../../shared/contract';
import type { QueuedJob } from '../../devices/printer';
import type { MismatchRow, OrderRow } from '../../store';

/** Store rows become the contract's views here, and only here; the renderer words and formats them. */
export const printJobView = (j: QueuedJob): PrintJobView => ({
  id: j.id,
  printer: j.printer,
  kind: j.kind,
  waybillNo: j.waybill_no,
  status: j.status,
  attempts: j.attempts,
  lastError: j.last_error,
  reason: j.reason,
});

export const orderView = (o: OrderRow, waybillNo: string | null) => ({
  orderNo: o.order_no,
  shop: o.shop,
  status: o.status,
  holdReason: o.hold_reason,
  receiver: o.receiver_name,
  city: o.city,
  packedAt: o.packed_at,
  packedBy: o.packed_by,
  waybillNo,
});

export const mismatchView = (r: MismatchRow): MismatchView => ({
  id: r.id,
  sessionId: r.session_id,
  type: r.type,
  orderNo: r.order_no,
  sku: r.sku,
  code: r.code,
  expected: r.expected,
  actual: r.actual,
  packer: r.packer,
  stationId: r.station_id,
  at: r.at,
  resolution: r.resolution,
  resolvedBy: r.resolved_by,
});
