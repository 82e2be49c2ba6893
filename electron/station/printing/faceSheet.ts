import { carrierDisplayName } from '../../../shared/words';
import type { Config } from '../../config';
import type { FaceSheet } from '../../labels';
import type { OrderLineRow, OrderRow } from '../../store';

/** One carton of an order in several: its number, the master number, and what is in it. */
export interface CartonOnLabel {
  no: number;
  of: number;
  master: string;
  items: { name: string; qty: number }[];
}

export interface ShipmentForLabel {
  carrier: string;
  waybillNo: string;
  markDestination: string | null;
  sortingCode: string | null;
  codCents?: number | null;
  insuredCents?: number | null;
}

/**
 * The carrier's name as carriers print it on their sheets (中通快递, 顺丰速运): a KDNiao booking names the carrier behind it;
 * a pool prints the carrier name it is configured with.
 */
export function printedCarrier(carrier: string, config: Config): string {
  if (carrier === 'pool') return config.carriers.pool?.carrierName ?? carrierDisplayName('demo', 'zh-CN');
  if (carrier === 'kdniao' && config.carriers.kdniao)
    return carrierDisplayName(`kdniao:${config.carriers.kdniao.shipperCode}`, 'zh-CN');
  return carrierDisplayName(carrier, 'zh-CN');
}

/** The face sheet of an order: receiver from the order, sender from the config, the rest from the booking. */
export function faceSheetFor(
  order: OrderRow,
  lines: OrderLineRow[],
  shipment: ShipmentForLabel,
  config: Config,
  weightG: number | null,
  now: Date,
  carton?: CartonOnLabel,
): FaceSheet {
  const s = config.shipper;
  return {
    carrier: printedCarrier(shipment.carrier, config),
    waybillNo: shipment.waybillNo,
    markDestination: shipment.markDestination,
    sortingCode: shipment.sortingCode,
    receiver: {
      name: order.receiver_name ?? '',
      phone: order.receiver_phone ?? '',
      address: [order.province, order.city, order.district, order.address].filter(Boolean).join(' '),
    },
    sender: {
      name: s.company ? `${s.name} ${s.company}` : s.name,
      phone: s.phone,
      address: [s.province, s.city, s.district, s.address].filter(Boolean).join(' '),
    },
    orderNo: order.order_no,
    items: (carton?.items ?? lines.map((l) => ({ name: l.name ?? l.sku, qty: l.qty })))
      .map((l) => `${l.name} ×${l.qty}`)
      .join('; '),
    weightG,
    codCents: shipment.codCents ?? null,
    insuredCents: shipment.insuredCents ?? null,
    qr: shipment.waybillNo,
    printedAt: now,
    stationId: config.station.id,
    ...(carton
      ? {
          piece: {
            no: carton.no,
            of: carton.of,
            master: carton.master === shipment.waybillNo ? null : carton.master,
          },
        }
      : {}),
  };
}
