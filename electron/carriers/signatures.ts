import { createHash } from 'node:crypto';

/** KDNiao: base64 of the lower-case hex MD5 (UTF-8) of RequestData + AppKey — base64 of the 32 hex characters. */
export function kdniaoDataSign(requestData: string, appKey: string): string {
  const hex = createHash('md5')
    .update(requestData + appKey, 'utf8')
    .digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}

/**
 * Java's URLEncoder.encode(s, "UTF-8"): keeps A–Z a–z 0–9 . - * _, space → +, everything else %XX upper-case.
 * (encodeURIComponent keeps ! ' ( ) ~ and writes %20, which gives SF a different digest.)
 */
export function javaUrlEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** SF 丰桥: base64 of the raw MD5 of the Java-URL-encoded msgData + timestamp + checkWord. */
export function sfMsgDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash('md5')
    .update(javaUrlEncode(msgData + timestamp + checkWord), 'utf8')
    .digest('base64');
}
