import { afterAll, describe, expect, it } from 'vitest';
import { silentLog } from '../log';
import { encodeLabel, labelThread, renderFaceSheet, SAMPLE_SHEET } from '.';

// The label thread as the station runs it (the build `npm test` makes first): the same bytes as drawn here.
const thread = labelThread(silentLog)!;
afterAll(() => thread.close());

describe('the label thread', () => {
  it('is built, warms its fonts, and draws and encodes a face sheet byte for byte as this thread does', async () => {
    expect(thread).not.toBeNull();
    expect(await thread.call<number>({ method: 'warm', size: '100x150', dpi: 203 })).toBeGreaterThan(0);
    const sheet = {
      ...SAMPLE_SHEET,
      waybillNo: 'SF1234567890123',
      printedAt: new Date('2026-11-30T03:04:05Z'),
    };
    for (const format of ['zpl', 'tspl'] as const) {
      const there = await thread.call<Buffer>({
        method: 'faceSheet',
        sheet,
        size: '100x150',
        dpi: 203,
        format,
      });
      const here = await encodeLabel(renderFaceSheet(sheet, '100x150', 203), format, '100x150');
      expect(Buffer.isBuffer(there)).toBe(true);
      expect(there.equals(here), format).toBe(true);
    }
  });
});
