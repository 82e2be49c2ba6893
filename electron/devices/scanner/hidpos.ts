import { stripAim } from '../../../shared/scan';

export interface DecodedScan {
  code: string;
  symbology: string | null;
}

/**
 * Honeywell HID POS (usage page 0x8C) input reports, 64 bytes: `02 len A1 A2 A3 data… [61..62 vendor] more`.
 * byte 1 = data bytes in this report, bytes 2–4 = AIM identifier (`]E0`), data from byte 5, byte 63 = 1 when the
 * code continues in the next report. Stateful across reports; pure otherwise.
 */
export class HoneywellPosDecoder {
  private parts: number[] = [];
  private aim = '';

  push(report: Uint8Array): DecodedScan | null {
    if (report.length < 6 || report[0] !== 0x02) return null;
    const len = Math.min(report[1]!, 56, report.length - 5);
    if (this.parts.length === 0) this.aim = String.fromCharCode(report[2]!, report[3]!, report[4]!);
    for (let i = 0; i < len; i++) this.parts.push(report[5 + i]!);
    const more = report.length >= 64 && report[63] === 0x01;
    if (more) return null;
    const data = new TextDecoder('utf-8').decode(Uint8Array.from(this.parts));
    this.parts = [];
    const aim = this.aim.startsWith(']') ? stripAim(this.aim + data) : { data, symbology: null };
    return { code: aim.data, symbology: aim.symbology };
  }
}

/**
 * Generic HID POS scanners (many OEM engines): `len data…` per report; a report shorter than full, or data ending in
 * CR/LF, ends the code. The AIM identifier, when the scanner is set to send one, leads the data.
 */
export class GenericPosDecoder {
  private parts: number[] = [];

  push(report: Uint8Array): DecodedScan | null {
    if (report.length < 2) return null;
    const len = Math.min(report[0]!, report.length - 1);
    for (let i = 0; i < len; i++) this.parts.push(report[1 + i]!);
    const last = this.parts.at(-1);
    const ended = len < report.length - 1 || last === 0x0d || last === 0x0a;
    if (!ended) return null;
    const text = new TextDecoder('utf-8').decode(Uint8Array.from(this.parts)).replace(/[\r\n]+$/, '');
    this.parts = [];
    if (!text) return null;
    const { data, symbology } = stripAim(text);
    return { code: data, symbology };
  }
}
