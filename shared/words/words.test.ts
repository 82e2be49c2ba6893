import { describe, expect, it } from 'vitest';
import { CHOICE_PHRASES, CUSTOMS_PHRASES, MISMATCH_PHRASES, localStamp, type Phrasebook } from '.';

const books: [string, Phrasebook<string>][] = [
  ['mismatch', MISMATCH_PHRASES],
  ['choice', CHOICE_PHRASES],
  ['customs', CUSTOMS_PHRASES],
];

describe.each(books)('the %s phrases', (_name, book) => {
  it.each(book.kinds.map((k) => [k]))('%s is read back as itself with its parameters', (kind) => {
    // Parameters as the station fills them: numbers, names with spaces and punctuation, Chinese.
    const params = {
      lead: '李主管',
      reason: 'data-error',
      comment: '客户同意: 先发',
      expected: '910',
      tolerance: '50',
    };
    const text = book.say(kind, params);
    const read = book.read(text);
    expect(read?.kind).toBe(kind);
    expect(book.say(read!.kind, read!.params)).toBe(text);
  });
});

it('text a person wrote is not taken for a phrase', () => {
  expect(MISMATCH_PHRASES.read('已重新培训')).toBeNull();
  expect(MISMATCH_PHRASES.read('SO202611290001')).toBeNull();
  expect(CHOICE_PHRASES.read('anything at all')).toBeNull();
});

it('the most specific phrase wins: a comment stays the comment', () => {
  expect(MISMATCH_PHRASES.read('override by 李主管: data-error — 客户同意')).toEqual({
    kind: 'override-by-comment',
    params: { lead: '李主管', reason: 'data-error', comment: '客户同意' },
  });
  expect(CHOICE_PHRASES.read('cheapest: ¥8.00 for 1.00 kg (vs sf ¥12.00)')).toMatchObject({
    kind: 'cheapest-vs',
    params: { price: '8.00', kg: '1.00', others: 'sf ¥12.00' },
  });
});

it('a stored UTC time reads as the local time with its offset', () => {
  expect(localStamp('2026-11-30T02:05:06.224Z', 480)).toBe('2026-11-30 10:05:06 +08:00');
  expect(localStamp('2026-11-30T02:05:06Z', -300)).toBe('2026-11-29 21:05:06 -05:00');
  expect(localStamp('2026-11-30T02:05:06Z', 0)).toBe('2026-11-30 02:05:06 +00:00');
  expect(localStamp('not a time', 0)).toBe('not a time');
});
