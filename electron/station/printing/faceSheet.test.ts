import { expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { printedCarrier } from './faceSheet';

it('the face sheet names the carrier as carriers print it, never an adapter code', () => {
  const config = ConfigSchema.parse({
    ...EMBEDDED_DEFAULT,
    carriers: {
      pool: { carrierName: '韵达速递' },
      kdniao: { baseUrl: 'http://127.0.0.1:9/', eBusinessId: '1', appKey: 'k', shipperCode: 'ZTO' },
    },
  });
  expect(printedCarrier('kdniao:ZTO', config)).toBe('中通快递');
  expect(printedCarrier('kdniao', config)).toBe('中通快递');
  expect(printedCarrier('sf', config)).toBe('顺丰速运');
  expect(printedCarrier('pool', config)).toBe('韵达速递');
  expect(printedCarrier('kdniao:XYZ', config)).toBe('XYZ');
});
