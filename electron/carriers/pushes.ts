import { createPublicKey, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { sfRoutesResult } from './adapters/sf';
import { shipEngineTrackResult, type ShipEngineTracking } from './adapters/shipengine';
import type { TrackResult } from './model';
import { sfMsgDigest } from './signatures';

/** A carrier's tracking push, checked: what to answer, and each waybill's news when it was genuine. */
export interface CheckedPush {
  status: number;
  body: object | string;
  parcels: { waybillNo: string; result: TrackResult }[];
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

interface SfRoute {
  mailno?: string;
  acceptTime?: string;
  acceptAddress?: string;
  remark?: string;
  opCode?: string;
}

/**
 * SF's route push (路由推送), sent like an SF call: form fields partnerID, requestID, serviceCode, timestamp, msgData
 * and msgDigest = base64(MD5(urlencode(msgData + timestamp + checkWord))), the booking's own rule; msgData carries
 * `Body.WaybillRoute[]` (mailno, acceptTime, remark, opCode). A wrong partner or digest is 401 and nothing is read.
 */
export function checkSfRoutePush(
  form: Record<string, string>,
  account: { partnerId: string; checkWord: string } | null,
): CheckedPush {
  const answer = (status: number, code: string, msg: string, parcels: CheckedPush['parcels'] = []) => ({
    status,
    body: { return_code: code, return_msg: msg },
    parcels,
  });
  if (!account) return answer(404, '1000', 'SF is not set up here');
  const { msgData, timestamp, msgDigest } = form;
  if (!msgData || !timestamp || !msgDigest || form.partnerID !== account.partnerId)
    return answer(401, '1000', 'partnerID or fields missing: nothing stored');
  if (!same(msgDigest, sfMsgDigest(msgData, timestamp, account.checkWord)))
    return answer(401, '1000', 'msgDigest is wrong: nothing stored');
  let data: { Body?: { WaybillRoute?: SfRoute[] } };
  try {
    data = JSON.parse(msgData) as typeof data;
  } catch {
    return answer(400, '1000', 'msgData is not JSON');
  }
  const byWaybill = new Map<string, SfRoute[]>();
  for (const r of data.Body?.WaybillRoute ?? []) {
    if (!r.mailno || !r.acceptTime || !r.remark) continue;
    byWaybill.set(r.mailno, [...(byWaybill.get(r.mailno) ?? []), r]);
  }
  const parcels = [...byWaybill].map(([waybillNo, routes]) => ({
    waybillNo,
    result: sfRoutesResult(
      routes
        .sort((a, b) => a.acceptTime!.localeCompare(b.acceptTime!))
        .map((r) => ({
          acceptTime: r.acceptTime!,
          remark: r.remark!,
          ...(r.opCode ? { opCode: r.opCode } : {}),
        })),
    ),
  }));
  return answer(200, '0000', '成功', parcels);
}

/** ShipEngine's signing keys by id, from its JWKS (fetched again for a key id not seen, at most once a minute). */
export function jwksKeys(url: string, fetchTimeoutMs = 5000): (kid: string) => Promise<KeyObject | null> {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = 0;
  return async (kid) => {
    if (!keys.has(kid) && Date.now() - fetchedAt > 60_000) {
      fetchedAt = Date.now();
      const res = await fetch(url, { signal: AbortSignal.timeout(fetchTimeoutMs) });
      if (!res.ok) throw new Error(`JWKS ${url}: HTTP ${res.status}`);
      const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
      keys = new Map(
        (body.keys ?? [])
          .filter((k) => k.kid && k.kty === 'RSA')
          .map((k) => [k.kid!, createPublicKey({ key: k, format: 'jwk' })]),
      );
    }
    return keys.get(kid) ?? null;
  };
}

/**
 * ShipEngine's `track` webhook: the headers x-shipengine-rsa-sha256-key-id, -signature (base64) and x-shipengine-
 * timestamp; the RSA-SHA256 signature is over `<timestamp>.<raw body>` with the key of that id from ShipEngine's JWKS.
 * Missing headers are 404 (as ShipEngine advises, the endpoint is not confirmed), a timestamp more than 5 minutes off
 * is 400, a bad signature 401; in each case nothing is read.
 */
export async function checkShipEnginePush(
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
  keys: ((kid: string) => Promise<KeyObject | null>) | null,
  now: Date,
): Promise<CheckedPush> {
  const h = (n: string) => {
    const v = headers[n];
    return Array.isArray(v) ? v[0] : v;
  };
  const answer = (status: number, error: string) => ({ status, body: { error }, parcels: [] });
  const kid = h('x-shipengine-rsa-sha256-key-id');
  const signature = h('x-shipengine-rsa-sha256-signature');
  const timestamp = h('x-shipengine-timestamp');
  if (!keys) return answer(404, 'ShipEngine is not set up here');
  if (!kid || !signature || !timestamp) return answer(404, 'no such hook');
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(at - now.getTime()) > 5 * 60_000)
    return answer(400, 'x-shipengine-timestamp is more than 5 minutes off: nothing stored');
  const key = await keys(kid);
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`), raw]);
  if (!key || !verify('sha256', signed, key, Buffer.from(signature, 'base64')))
    return answer(401, 'signature is wrong: nothing stored');
  let body: { resource_type?: string; data?: ShipEngineTracking };
  try {
    body = JSON.parse(raw.toString('utf8')) as typeof body;
  } catch {
    return answer(400, 'the body is not JSON');
  }
  const data = body.data;
  if (body.resource_type !== 'API_TRACK' || !data?.tracking_number)
    return { status: 200, body: { ignored: true }, parcels: [] };
  return {
    status: 200,
    body: { ok: true },
    parcels: [{ waybillNo: data.tracking_number, result: shipEngineTrackResult(data) }],
  };
}
