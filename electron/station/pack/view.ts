import type { BoxView, StationState } from '../../../shared/contract';
import { cartonNo, openCartonContents, type BoxState } from './box';

/** The box as the packer's screen shows it. */
export interface WeightPreview {
  expectedG: number;
  toleranceG: number;
  missingWeights: string[];
  suggested: { code: string; name: string } | null;
  /** The box's label print job, once there is one. */
  labelStatus: 'queued' | 'sending' | 'done' | 'failed' | 'void' | null;
  /** 跨境: what blocked the last booking of this box (the shipping desk remembers it). */
  customsBlocked?: string | null;
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
    canUndo: box.verification === 'open' && !box.sealed && (box.okScans.at(-1)?.seq ?? 0) > box.cartonFromSeq,
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
    ...cartonsView(box),
    customsBlocked: !box.shipment && weight.customsBlocked ? { problems: weight.customsBlocked } : null,
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

function cartonsView(box: BoxState): Pick<BoxView, 'cartons' | 'carton' | 'canNewCarton'> {
  const items = (contents: Record<string, number>) =>
    box.requirements
      .filter((r) => (contents[r.key] ?? 0) > 0)
      .map((r) => ({ sku: r.sku, name: r.name, qty: contents[r.key]! }));
  const open = openCartonContents(box);
  const numbers = box.shipment?.parcels ?? [];
  const several = box.cartons.length > 0 || box.sealed;
  const cartons: BoxView['cartons'] = several
    ? [
        ...box.cartons.map((c) => ({
          no: c.no,
          state: 'weighed' as const,
          items: items(c.contents),
          packageName: c.package?.name ?? null,
          grams: c.weighing.grams,
        })),
        {
          no: cartonNo(box),
          state: box.weightApproved
            ? ('weighed' as const)
            : box.sealed || box.verification !== 'open'
              ? ('weighing' as const)
              : ('packing' as const),
          items: items(open),
          packageName: box.package?.name ?? null,
          grams: box.weighing?.grams ?? null,
        },
      ].map((c) => ({
        ...c,
        waybillNo: numbers.find((n) => n.carton === c.no)?.waybillNo ?? null,
        labelScanned: box.labelsScanned.includes(c.no) || box.closed,
      }))
    : [];
  return {
    cartons,
    carton: cartonNo(box),
    canNewCarton: box.verification === 'open' && !box.sealed && Object.keys(open).length > 0,
  };
}

export function phaseOf(packer: unknown, box: BoxState | null): StationState['phase'] {
  if (!packer) return 'login';
  if (!box) return 'idle';
  if (box.verification === 'open' && !box.sealed) return 'verifying';
  if (!box.weightApproved) return 'weighing';
  return box.shipment?.status === 'booked' ? 'labelling' : 'booking';
}
