import { describe, expect, it } from 'vitest';
import { javaUrlEncode, kdniaoDataSign, sfMsgDigest } from './signatures';

describe('signature vectors from shared/reference/carriers.md', () => {
  it('KDNiao DataSign', () => {
    expect(kdniaoDataSign('{"OrderCode":"T001","ShipperCode":"SF"}', 'test-appkey')).toBe(
      'NTEzZmE4ZDM4YTgwNTBmZTVmMjY5MTk1NTQ1NDgxYzM=',
    );
  });
  it('SF msgDigest', () => {
    expect(sfMsgDigest('{"orderId":"T001","language":"zh-CN"}', '1700000000000', 'testCheckWord')).toBe(
      'eQCNFtNKtVIc/GxCsGDoYw==',
    );
  });
});

describe('Java URLEncoder semantics', () => {
  it.each([
    ['a b', 'a+b'],
    ["()!~*'", '%28%29%21%7E*%27'],
    ['a+b', 'a%2Bb'],
    ['.-_*', '.-_*'],
    ['收 件', '%E6%94%B6+%E4%BB%B6'],
    ['{"k":"v"}', '%7B%22k%22%3A%22v%22%7D'],
  ])('%s → %s', (input, encoded) => {
    expect(javaUrlEncode(input)).toBe(encoded);
  });
  it('differs from encodeURIComponent exactly where SF would reject the digest', () => {
    expect(encodeURIComponent("a b()!~'")).not.toBe(javaUrlEncode("a b()!~'"));
  });
});

describe('Java URLEncoder byte by byte', () => {
  it('writes bytes below 0x10 with two hex digits, as Java does', () => {
    expect(javaUrlEncode('a\nb\t\u0001')).toBe('a%0Ab%09%01');
    expect(javaUrlEncode('~!é')).toBe('%7E%21%C3%A9');
  });
});
