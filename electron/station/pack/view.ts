import type { BoxView, StationState } from '../../../shared/contract';
import type { BoxState } from './box';

/** The box as the packer's screen shows it. */
export interface WeightPreview {
  expectedG: number;
  toleranceG: number;
  missingWeights: string[];
  suggested: { code: string; name: string } | null;
  /** The box's label print job, once there is one. */
  labelStatus: 'queued' | 'sending' | 'done' | 'failed' | 'void' | null;
}

export function boxView(box: BoxState, weight: WeightPreview): BoxView {
  return {
    sessionId: box.sessionId,
    orderNo: box.order.orderNo,
    shop: box.order.shop,
    receiverName: box.order.receiverName,
    city: box.order.city,
    note: box.order.note,
    lines: box.requirements.map((r) => ({
      key: r.key,
      lineNo: r.lineNo,
      sku: r.sku,
      name: r.name,
      image: r.image,
      required: r.required,
      scanned: box.counted[r.key] ?? 0,
      serialRequired: r.serialRequired,
      kit: r.kit ? { sku: r.kit.sku, name: r.kit.name } : null,
    })),
    inserts: box.inserts.map((i) => ({
      id: i.id,
      name: i.name,
      barcode: i.barcode,
      confirmed: box.insertsConfirmed.includes(i.id),
    })),
    verification: box.verification,
    short: box.short.map((s) => ({ sku: s.sku, missing: s.missing })),
    awaitingSerial: box.awaitingSerial ? { sku: box.awaitingSerial.sku } : null,
    serials: box.serials,
    canUndo: box.verification === 'open' && box.okScans.length > 0,
    package: box.package,
    suggestedPackage: weight.suggested ? { code: weight.suggested.code, name: weight.suggested.name } : null,
    weight: {
      expectedG: weight.expectedG,
      toleranceG: weight.toleranceG,
      grams: box.weighing?.grams ?? null,
      differenceG: box.weighing?.check.differenceG ?? null,
      verdict: box.weighing?.check.verdict ?? null,
      missingWeights: weight.missingWeights,
      usualG: box.weighing?.learned?.meanG ?? null,
      unusual: box.weighing?.learned?.warn ?? false,
    },
    weightApproved: box.weightApproved,
    shipment: box.shipment
      ? {
          carrier: box.shipment.carrier,
          status: box.shipment.status,
          waybillNo: box.shipment.waybillNo,
          markDestination: box.shipment.markDestination,
          priceCents: box.shipment.priceCents,
          reasons: box.shipment.reasons,
          failure: box.shipment.failure,
          label: weight.labelStatus,
        }
      : null,
  };
}

export function phaseOf(packer: unknown, box: BoxState | null): StationState['phase'] {
  if (!packer) return 'login';
  if (!box) return 'idle';
  if (box.verification === 'open') return 'verifying';
  if (!box.weightApproved) return 'weighing';
  return box.shipment?.status === 'booked' ? 'labelling' : 'booking';
}
