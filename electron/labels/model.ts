/** What goes on a face sheet (面单). Filled from the order, the shipment and the bench. */
export interface FaceSheet {
  carrier: string;
  waybillNo: string;
  /** 大头笔: the destination mark the sorting centre reads first. */
  markDestination: string | null;
  sortingCode: string | null;
  receiver: Party;
  sender: Party;
  orderNo: string;
  /** e.g. "西湖龙井 250g ×2; 陶瓷马克杯 ×1" */
  items: string;
  weightG: number | null;
  codCents: number | null;
  insuredCents: number | null;
  /** Content of the QR code (carriers use it for the waybill or a tracking URL). */
  qr: string;
  printedAt: Date;
  stationId: string;
  /** One carton of an order in several: "1/2", and the master number when this carton has its own. */
  piece?: { no: number; of: number; master: string | null };
}

export interface Party {
  name: string;
  phone: string;
  address: string;
}

export const LABEL_SIZES = {
  '100x150': { widthMm: 100, heightMm: 150 },
  '76x130': { widthMm: 76, heightMm: 130 },
  '100x180': { widthMm: 100, heightMm: 180 },
  '4x6': { widthMm: 101.6, heightMm: 152.4, inches: [4, 6] },
} as const satisfies Record<
  string,
  { widthMm: number; heightMm: number; inches?: readonly [number, number] }
>;
export type LabelSize = keyof typeof LABEL_SIZES;
export type Dpi = 203 | 300;

/**
 * Label size in printer dots, as the printers count them: heads are 8 dots/mm ("203 dpi") or 12 dots/mm ("300 dpi"),
 * so 100×150 mm = 800×1200 or 1200×1800; an inch size is inches × dpi (4×6 in = 812×1218 at 203).
 */
export function labelDots(size: LabelSize, dpi: Dpi): { width: number; height: number } {
  const s: { widthMm: number; heightMm: number; inches?: readonly [number, number] } = LABEL_SIZES[size];
  if (s.inches) return { width: s.inches[0] * dpi, height: s.inches[1] * dpi };
  const perMm = dpi === 203 ? 8 : 12;
  return { width: Math.round(s.widthMm * perMm), height: Math.round(s.heightMm * perMm) };
}

/** Phones masked as carriers print them: 138****1234; landlines keep their first 3 and last 3. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length > 6) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
  return digits.replace(/\d(?=\d{2})/g, '*');
}
