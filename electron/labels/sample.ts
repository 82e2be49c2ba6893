import type { FaceSheet } from './model';

/** The test label: used by `packbench print test`, the goldens, the docs images and the benchmark. */
export const SAMPLE_SHEET: FaceSheet = {
  carrier: '中通快递 ZTO',
  waybillNo: 'YT8800000005',
  markDestination: '成都转 武侯',
  sortingCode: '510-23 07',
  receiver: {
    name: '陈静',
    phone: '13655556666',
    address: '四川省 成都市 武侯区 天府大道 1000 号 环球中心 E1 区 2 单元 1203 室',
  },
  sender: {
    name: 'Packbench 旗舰店',
    phone: '057188886666',
    address: '浙江省 杭州市 余杭区 仓前街道 文一西路 1500 号 3 号仓',
  },
  orderNo: 'SO202611290005',
  items: '手机壳 14 Pro ×3; Double-wall glass mug ×3; Hand soap 300ml ×3',
  weightG: 2350,
  codCents: 19900,
  insuredCents: 50000,
  qr: 'YT8800000005',
  printedAt: new Date('2026-11-29T08:00:00Z'),
  stationId: 'BENCH-01',
};
