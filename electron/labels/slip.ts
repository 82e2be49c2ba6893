import { ThermalPrinter, PrinterTypes, CharacterSet } from 'node-thermal-printer';
import { escposText } from './languages/escpos';
import { maskPhone } from './model';

export interface SlipContent {
  shop: string | null;
  orderNo: string;
  receiver: string;
  phone: string;
  lines: { name: string; qty: number }[];
  waybillNo: string;
  carrier: string;
  weightG: number | null;
  printedAt: Date;
  stationId: string;
  /** One carton of an order in several: the slip lists what is in this carton. */
  carton?: { no: number; of: number };
}

/**
 * The packing slip for an ESC/POS receipt printer, built by node-thermal-printer as bytes only (we own the transport).
 * Chinese goes out in the printer's GB code page; every string from the order has its control bytes removed first.
 */
export function packingSlip(s: SlipContent, width = 48): Buffer {
  const p = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: 'tcp://0.0.0.0:9100',
    characterSet: CharacterSet.CHINA,
    width,
    removeSpecialCharacters: false,
  });
  const t = (x: string) => escposText(x);
  p.alignCenter();
  p.bold(true);
  p.setTextDoubleHeight();
  p.println(t(s.shop ?? 'Packbench'));
  p.setTextNormal();
  p.bold(false);
  p.println(s.carton ? `装箱单 Packing slip  第${s.carton.no}/${s.carton.of}箱` : `装箱单 Packing slip`);
  p.drawLine();
  p.alignLeft();
  p.println(`订单 Order: ${t(s.orderNo)}`);
  p.println(`收货人: ${t(s.receiver)} ${maskPhone(s.phone)}`);
  p.drawLine();
  for (const l of s.lines) p.leftRight(t(l.name).slice(0, width - 8), `x${l.qty}`);
  p.drawLine();
  p.println(`${t(s.carrier)} ${t(s.waybillNo)}`);
  if (s.weightG !== null) p.println(`重量 Weight: ${(s.weightG / 1000).toFixed(2)} kg`);
  p.println(`${s.stationId} ${s.printedAt.toISOString().replace('T', ' ').slice(0, 16)}`);
  p.alignCenter();
  p.code128(t(s.waybillNo));
  p.println('谢谢惠顾 Thank you');
  p.cut();
  return p.getBuffer();
}
