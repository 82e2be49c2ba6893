import type { BookingOutcome, CustomsDeclaration, Parcel, ShipmentRequest } from '../../carriers';
import type { Config } from '../../config';
import type { OrderLineRow, OrderRow, Repos } from '../../store';

/** The shipment row after a carrier's answer. */
export function recordShipmentOutcome(
  shipments: Repos['shipments'],
  id: number,
  outcome: BookingOutcome,
  at: string,
): void {
  if (outcome.kind === 'booked') {
    const d = outcome.details;
    shipments.result(
      id,
      {
        status: 'booked',
        waybillNo: d.waybillNo,
        markDestination: d.markDestination,
        sortingCode: d.sortingCode,
        service: d.service,
        response: { carrierRef: d.carrierRef ?? null },
        labelFormat: d.label?.format ?? null,
        label: d.label?.data ?? null,
      },
      at,
    );
    // One order in several cartons: each carton's own number, found again by the dock and a reprint.
    if (d.parcels && d.parcels.length > 1) {
      const asked =
        (JSON.parse(shipments.byId(id)?.request ?? '{}') as Partial<ShipmentRequest>).parcels ?? [];
      shipments.addParcels(
        id,
        d.parcels.map((p, i) => ({
          carton: i + 1,
          waybillNo: p.waybillNo,
          weightG: asked[i]?.weightG ?? null,
        })),
      );
    }
  } else if (outcome.kind === 'rejected')
    shipments.result(id, { status: 'rejected', error: `${outcome.code}: ${outcome.message}` }, at);
  else shipments.result(id, { status: 'unknown', error: outcome.reason }, at);
}

/** The carrier request for an order: sender from the config, receiver and items from the order. */
export function shipmentRequest(r: {
  order: OrderRow;
  lines: OrderLineRow[];
  shipper: Config['shipper'];
  key: string;
  carrier: string;
  weightG: number;
  dimsMm: [number, number, number] | null;
  /** An order in several cartons: one parcel per carton, with its own weight, size and items. */
  parcels?: Parcel[];
  /** An order abroad: its checked declaration (the recipient's country comes with it). */
  customs?: CustomsDeclaration | null;
}): ShipmentRequest {
  const { order, shipper: s } = r;
  return {
    carrier: r.carrier,
    shipper: {
      name: s.name,
      phone: s.phone,
      province: s.province,
      city: s.city,
      district: s.district,
      address: s.address,
      ...(s.postCode ? { postCode: s.postCode } : {}),
      ...(s.company ? { company: s.company } : {}),
      ...(r.customs ? { country: r.customs.from } : {}),
    },
    recipient: {
      name: order.receiver_name ?? '',
      phone: order.receiver_phone ?? '',
      province: order.province ?? '',
      city: order.city ?? '',
      district: order.district ?? '',
      address: order.address ?? '',
      ...(r.customs ? { country: r.customs.destination } : {}),
    },
    parcels: r.parcels ?? [
      {
        weightG: r.weightG,
        dimsMm: r.dimsMm,
        items: r.lines.map((l) => ({ name: l.name ?? l.sku, qty: l.qty })),
      },
    ],
    options: { codCents: order.cod_cents, insuredCents: null },
    reference: order.order_no,
    idempotencyKey: r.key,
    ...(r.customs ? { customs: r.customs } : {}),
  };
}
