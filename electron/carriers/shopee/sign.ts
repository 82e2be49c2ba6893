import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopee Open Platform v2: HMAC-SHA256 with the partner key over partner_id + API path + timestamp (+ access_token +
 * shop_id for shop calls), no separators, lowercase hex.
 */
export function shopeeSign(
  partnerKey: string,
  partnerId: number | string,
  path: string,
  timestamp: number,
  accessToken?: string,
  shopId?: number | string,
): string {
  const base = `${partnerId}${path}${timestamp}${accessToken ?? ''}${shopId ?? ''}`;
  return createHmac('sha256', partnerKey).update(base).digest('hex');
}

/** A push's `Authorization`: HMAC-SHA256 (partner key) of the callback URL + `|` + the raw body, lowercase hex. */
export function shopeePushSignature(partnerKey: string, callbackUrl: string, raw: string | Buffer): string {
  return createHmac('sha256', partnerKey)
    .update(Buffer.concat([Buffer.from(`${callbackUrl}|`), Buffer.isBuffer(raw) ? raw : Buffer.from(raw)]))
    .digest('hex');
}

export function shopeePushOk(
  partnerKey: string,
  callbackUrl: string,
  raw: Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const want = Buffer.from(shopeePushSignature(partnerKey, callbackUrl, raw));
  const got = Buffer.from(header.trim().toLowerCase());
  return got.length === want.length && timingSafeEqual(got, want);
}
