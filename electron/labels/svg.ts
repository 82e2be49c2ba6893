import bwipjs from 'bwip-js';
import { faceFor } from './glyphs';
import { labelDots, maskPhone, type Dpi, type FaceSheet, type LabelSize } from './model';

export const FONT_REGULAR = 'Noto Sans SC';

/** Text from an order goes into the SVG as text, never markup. */
export const xml = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Width of a string in ems: CJK and full-width characters are 1, the rest about 0.55. */
const ems = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 1 : 0.56), 0);

/** Greedy wrap to a width, at most `maxLines` lines (the last one ellipsised). */
export function wrap(text: string, widthDots: number, sizeDots: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    if (ems(line + ch) * sizeDots > widthDots) {
      lines.push(line);
      line = ch.trimStart();
      if (lines.length === maxLines) break;
    } else line += ch;
  }
  if (lines.length < maxLines && line) lines.push(line);
  if (lines.length === maxLines && ems(lines.join('')) < ems(text.replace(/\s+/g, ' ')) - 0.5)
    lines[maxLines - 1] = lines[maxLines - 1]!.slice(0, -1) + '…';
  return lines;
}

/** Text as glyph outlines: what an order says is never markup and never reaches a printer as text. */
export function textOutline(
  x: number,
  y: number,
  size: number,
  s: string,
  bold = false,
  anchor: 'start' | 'middle' | 'end' = 'start',
  fill = '#000',
): string {
  return faceFor(s, bold).svg(s.replace(/[\u0000-\u001f]/g, ''), x, y, size, anchor, fill);
}

/**
 * A barcode drawn by bwip-js at a whole number of dots per module and placed 1:1 at whole-dot coordinates, so the
 * raster never resamples it (a scanner must read it).
 */
function barcode(
  bcid: 'code128' | 'qrcode',
  text: string,
  x: number,
  y: number,
  moduleDots: number,
  heightDots: number,
): { svg: string; width: number } {
  const raw = bwipjs.toSVG({
    bcid,
    text,
    scale: moduleDots,
    height: 10,
    includetext: false,
    paddingwidth: 0,
    paddingheight: 0,
  } as never);
  const m = /viewBox="0 0 (\d+) (\d+)"/.exec(raw)!;
  const [w, h] = [Number(m[1]), Number(m[2])];
  const inner = raw.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const height = bcid === 'qrcode' ? h : heightDots;
  return {
    svg: `<svg x="${Math.round(x)}" y="${Math.round(y)}" width="${w}" height="${height}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" shape-rendering="crispEdges">${inner}</svg>`,
    width: w,
  };
}

const money = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

/** The face sheet as SVG in printer dots (1 SVG unit = 1 dot). */
export function faceSheetSvg(sheet: FaceSheet, size: LabelSize, dpi: Dpi): string {
  const { width: W, height: H } = labelDots(size, dpi);
  const mm = dpi === 203 ? 8 : 12; // dots per mm, as the printers count them (see labelDots)
  const u = W / (100 * mm); // layout is drawn for 100 mm wide; narrower labels shrink text, not barcodes' modules
  const d = (v: number) => Math.round(v * mm * u);
  const pad = d(3);
  const out: string[] = [];
  const text = (
    x: number,
    y: number,
    size: number,
    s: string,
    bold = false,
    anchor: 'start' | 'middle' | 'end' = 'start',
    fill = '#000',
  ) => out.push(textOutline(x, y, size, s, bold, anchor, fill));
  const rule = (y: number, thick = 3) =>
    out.push(`<rect x="0" y="${y}" width="${W}" height="${thick}" fill="#000"/>`);
  const extraH = H - (W * 150) / 100; // taller labels give the extra room to the items
  // 1. carrier, COD / insurance marks
  text(pad, d(8), d(5.5), sheet.carrier, true);
  const marks: string[] = [];
  if (sheet.codCents) marks.push(`代收 ${money(sheet.codCents)}`);
  if (sheet.insuredCents) marks.push(`保价 ${money(sheet.insuredCents)}`);
  if (marks.length) {
    const label = marks.join('  ');
    const bw = Math.round(faceFor(label, true).width(label, d(4)) + 2 * d(1.5));
    out.push(`<rect x="${W - pad - bw}" y="${d(2)}" width="${bw}" height="${d(7.5)}" fill="#000"/>`);
    text(W - pad - d(1.5), d(7.8), d(4), label, true, 'end', '#fff');
  }
  rule(d(11));
  // 2. 大头笔 and sorting code
  text(pad, d(24), d(11), sheet.markDestination ?? '', true);
  if (sheet.sortingCode) text(W - pad, d(24), d(7), sheet.sortingCode, true, 'end');
  rule(d(28));
  // 3. waybill barcode and digits
  const moduleDots = dpi === 203 ? 3 : 4;
  let bc = barcode('code128', sheet.waybillNo, 0, d(31), moduleDots, d(17));
  if (bc.width > W - 2 * pad) bc = barcode('code128', sheet.waybillNo, 0, d(31), moduleDots - 1, d(17));
  const bx = Math.floor((W - bc.width) / 2);
  out.push(bc.svg.replace('x="0"', `x="${bx}"`));
  text(Math.round(W / 2), d(53), d(4.2), sheet.waybillNo.replace(/(.{4})/g, '$1 ').trim(), true, 'middle');
  rule(d(56));
  // 4. receiver
  text(pad, d(62), d(4), '收', true);
  text(pad + d(7), d(62), d(4.5), `${sheet.receiver.name}  ${maskPhone(sheet.receiver.phone)}`, true);
  wrap(sheet.receiver.address, W - pad - d(10), d(3.8), 3).forEach((l, i) =>
    text(pad + d(7), d(68) + i * d(4.8), d(3.8), l),
  );
  rule(d(83), 2);
  // 5. sender
  text(pad, d(88), d(3.5), '寄', true);
  text(pad + d(7), d(88), d(3.5), `${sheet.sender.name}  ${maskPhone(sheet.sender.phone)}`);
  wrap(sheet.sender.address, W - pad - d(10), d(3), 2).forEach((l, i) =>
    text(pad + d(7), d(93) + i * d(4), d(3), l),
  );
  rule(d(101), 2);
  // 6. order, items, weight | QR
  const qrModule = dpi === 203 ? 4 : 6;
  const qr = barcode('qrcode', sheet.qr, 0, 0, qrModule, 0);
  const qx = W - pad - qr.width;
  const qy = d(104);
  out.push(qr.svg.replace(/x="0" y="0"/, `x="${qx}" y="${qy}"`));
  const colW = qx - 2 * pad;
  text(pad, d(107), d(3.5), `订单 ${sheet.orderNo}`, true);
  const itemLines = Math.max(2, 4 + Math.floor(extraH / d(4)));
  wrap(sheet.items, colW, d(3), itemLines).forEach((l, i) => text(pad, d(112) + i * d(3.9), d(3), l));
  if (sheet.weightG !== null)
    text(
      pad,
      Math.max(d(112) + itemLines * d(3.9) + d(2), qy + qr.width - d(1)),
      d(4),
      `${(sheet.weightG / 1000).toFixed(2)} kg`,
      true,
    );
  // 7. footer
  const foot = H - d(4);
  rule(foot - d(5), 2);
  const stamp = sheet.printedAt.toISOString().replace('T', ' ').slice(0, 16);
  text(pad, foot, d(2.8), `${sheet.stationId}  ${stamp}`);
  text(W - pad, foot, d(2.8), sheet.waybillNo, false, 'end');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#fff"/>${out.join('')}</svg>`;
}
