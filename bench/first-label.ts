// Run in a fresh process by labels.bench (through jiti): what the first label after a start costs, cold and warmed.
import {
  encodeLabel,
  labelThread,
  renderFaceSheet,
  SAMPLE_SHEET,
  warmLabels,
  type FaceSheet,
} from '../electron/labels';
import { silentLog } from '../electron/log';

// A sheet that shares no name, address or item with the sample, so its CJK glyphs are new to the cache.
const other: FaceSheet = {
  ...SAMPLE_SHEET,
  carrier: '顺丰速运 SF',
  waybillNo: 'SF1409876543210',
  markDestination: '广州转 天河',
  receiver: {
    name: '黄晓明',
    phone: '13900001111',
    address: '广东省 广州市 天河区 珠江新城 花城大道 88 号 写字楼 19 层',
  },
  items: '蓝牙耳机 ×1; 充电宝 ×2; 数据线 ×4',
  orderNo: 'SO202611300777',
};

async function first(sheet: FaceSheet): Promise<number> {
  const started = performance.now();
  await encodeLabel(renderFaceSheet(sheet, '100x150', 203), 'zpl', '100x150');
  return performance.now() - started;
}

const mode = process.argv[2];
if (mode === 'thread') {
  // As the station runs it: the label thread warmed at start, then a label asked for and its bytes back.
  const thread = labelThread(silentLog)!;
  const warm = await thread.call<number>({ method: 'warm', size: '100x150', dpi: 203 });
  const ask = async (sheet: FaceSheet) => {
    const started = performance.now();
    await thread.call({ method: 'faceSheet', sheet, size: '100x150', dpi: 203, format: 'zpl' });
    return performance.now() - started;
  };
  const firstMs = await ask(other);
  const steady: number[] = [];
  for (let i = 0; i < 40; i++) steady.push(await ask({ ...other, waybillNo: `SF14098765${4000 + i}` }));
  await thread.close();
  console.log(JSON.stringify({ warm, first: firstMs, steady }));
} else {
  const warm = mode === 'warm' ? warmLabels('100x150', 203) : 0;
  console.log(JSON.stringify({ warm, first: await first(other) }));
}
