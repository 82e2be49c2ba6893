import { waitFor } from './socat';
import type { Station } from '../station';

/**
 * For tests: one box packed through the station as a packer does it, on the virtual scale (lifted, then the box put
 * on), booked, and closed by scanning its label; the waybill back.
 */
export async function packAndClose(
  station: Station,
  orderNo: string,
  codes: string[],
  grams: number,
): Promise<string> {
  if (!station.people.packer) station.scan('U1001');
  station.show({ page: 'pack', dialog: null });
  station.scan(orderNo);
  for (const c of codes) station.scan(c);
  station.scale.setWeight!(0);
  station.scale.setWeight!(grams);
  await waitFor(() => station.state().phase === 'labelling', 5000, `${orderNo} booked`);
  const waybill = station.state().box!.shipment!.waybillNo!;
  station.scan(waybill);
  return waybill;
}
