import i18next from 'i18next';
import { beforeAll, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { feedbackText } from '../feedbackText';

beforeAll(async () => {
  await i18next.init({
    lng: 'zh-CN',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  });
});

it('a time the station sends in UTC is shown in local time, a reason code in words', () => {
  process.env.TZ = 'Asia/Shanghai';
  const at = '2026-11-30T02:42:00.000Z';
  const text = feedbackText(i18next.t, 'zh-CN', {
    kind: 'order-packed',
    params: { orderNo: 'SO-1', at, by: '张伟', station: 'B-07' },
  });
  expect(text).not.toContain(at);
  expect(text).toContain(new Date(at).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' }));
  expect(
    feedbackText(i18next.t, 'zh-CN', { kind: 'box-held', params: { orderNo: 'SO-1', reason: 'damaged' } }),
  ).toContain(i18next.t('reasons.damaged', { lng: 'zh-CN' }));
});
