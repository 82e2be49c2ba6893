import { generateKeyPairSync, sign } from 'node:crypto';
import { answer, startFake, type FakeServer } from './server';

export interface ShipEngineFake extends FakeServer {
  /** What /v1/tracking answers per tracking number (status_code AC, IT, AT, DE, EX …). */
  tracking: Map<string, { status_code: string; events: { occurred_at: string; description: string }[] }>;
  /** A `track` webhook as ShipEngine sends it: the body and its signature headers (its keys at `/jwks`). */
  webhook(
    data: {
      tracking_number: string;
      status_code: string;
      events: { occurred_at: string; description: string }[];
    },
    at?: Date,
  ): { body: string; headers: Record<string, string> };
  labels: Map<
    string,
    { label_id: string; shipment_id: string; tracking_number: string; voided: boolean; packages: string[] }
  >;
}

interface Address {
  name?: unknown;
  phone?: unknown;
  address_line1?: unknown;
  city_locality?: unknown;
  state_province?: unknown;
  country_code?: unknown;
}

/** What ShipEngine refuses in a label request (invalid_field_value naming the field), as its API reference lists. */
function labelRequestProblem(
  body: string,
  expect: { carrierId?: string; serviceCode?: string },
): string | null {
  let r: {
    shipment?: {
      carrier_id?: unknown;
      service_code?: unknown;
      external_shipment_id?: unknown;
      ship_to?: Address;
      ship_from?: Address;
      packages?: { weight?: { value?: unknown; unit?: unknown }; dimensions?: Record<string, unknown> }[];
    };
    label_format?: unknown;
    label_layout?: unknown;
  };
  try {
    r = JSON.parse(body);
  } catch {
    return 'body: not JSON';
  }
  const s = r.shipment;
  if (!s || typeof s !== 'object') return 'shipment: required';
  const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!text(s.carrier_id)) return 'shipment.carrier_id: required';
  if (expect.carrierId && s.carrier_id !== expect.carrierId)
    return `shipment.carrier_id: unknown carrier ${String(s.carrier_id)}`;
  if (!text(s.service_code)) return 'shipment.service_code: required';
  if (expect.serviceCode && s.service_code !== expect.serviceCode)
    return `shipment.service_code: ${String(s.service_code)} not offered`;
  if (!text(s.external_shipment_id) || String(s.external_shipment_id).length > 50)
    return 'shipment.external_shipment_id: 1–50 characters';
  for (const side of ['ship_to', 'ship_from'] as const) {
    const a = s[side];
    if (!a) return `shipment.${side}: required`;
    for (const f of ['name', 'phone', 'address_line1', 'city_locality', 'state_province'] as const)
      if (!text(a[f])) return `shipment.${side}.${f}: required`;
    if (typeof a.country_code !== 'string' || !/^[A-Z]{2}$/.test(a.country_code))
      return `shipment.${side}.country_code: two capital letters (ISO 3166-1)`;
  }
  if (!Array.isArray(s.packages) || s.packages.length === 0) return 'shipment.packages: at least one';
  for (const [i, p] of s.packages.entries()) {
    const w = p.weight;
    if (!w || typeof w.value !== 'number' || !(w.value > 0))
      return `shipment.packages[${i}].weight.value: above 0`;
    if (!['pound', 'ounce', 'gram', 'kilogram'].includes(String(w.unit)))
      return `shipment.packages[${i}].weight.unit: pound, ounce, gram or kilogram`;
    if (p.dimensions && !['inch', 'centimeter'].includes(String(p.dimensions.unit)))
      return `shipment.packages[${i}].dimensions.unit: inch or centimeter`;
  }
  // International: customs with every item described, valued, coded and of an origin, as ShipEngine refuses otherwise.
  if (s.ship_to?.country_code !== s.ship_from?.country_code) {
    const c = (s as { customs?: { contents?: unknown; non_delivery?: unknown; customs_items?: unknown } })
      .customs;
    if (!c) return 'shipment.customs: required for an international shipment';
    if (
      !['merchandise', 'gift', 'documents', 'returned_goods', 'sample', 'other'].includes(String(c.contents))
    )
      return 'shipment.customs.contents: merchandise, gift, documents, returned_goods, sample or other';
    if (!['return_to_sender', 'treat_as_abandoned'].includes(String(c.non_delivery)))
      return 'shipment.customs.non_delivery: return_to_sender or treat_as_abandoned';
    const items = c.customs_items as
      | {
          description?: unknown;
          quantity?: unknown;
          value?: { currency?: unknown; amount?: unknown };
          harmonized_tariff_code?: unknown;
          country_of_origin?: unknown;
        }[]
      | undefined;
    if (!Array.isArray(items) || items.length === 0) return 'shipment.customs.customs_items: at least one';
    for (const [i, it] of items.entries()) {
      const at = `shipment.customs.customs_items[${i}]`;
      if (!text(it.description)) return `${at}.description: required`;
      if (!Number.isInteger(it.quantity) || (it.quantity as number) < 1) return `${at}.quantity: 1 or more`;
      if (typeof it.value?.amount !== 'number' || !(it.value.amount > 0))
        return `${at}.value.amount: above 0`;
      if (typeof it.value.currency !== 'string' || !/^[a-z]{3}$/.test(it.value.currency))
        return `${at}.value.currency: an ISO 4217 code`;
      if (typeof it.harmonized_tariff_code !== 'string' || !/^\d{6,10}$/.test(it.harmonized_tariff_code))
        return `${at}.harmonized_tariff_code: 6 to 10 digits`;
      if (typeof it.country_of_origin !== 'string' || !/^[A-Z]{2}$/.test(it.country_of_origin))
        return `${at}.country_of_origin: two capital letters (ISO 3166-1)`;
    }
  }
  if (!['zpl', 'pdf', 'png'].includes(String(r.label_format))) return 'label_format: zpl, pdf or png';
  if (r.label_layout !== undefined && !['4x6', 'letter'].includes(String(r.label_layout)))
    return 'label_layout: 4x6 or letter';
  return null;
}

/**
 * ShipEngine's REST API as a local server: API-Key checked, the label request checked field by field, unique
 * external_shipment_id, lookup, void, ZPL download.
 */
export async function startShipEngineFake(
  apiKey: string,
  expect: { carrierId?: string; serviceCode?: string } = {},
): Promise<ShipEngineFake> {
  const labels = new Map<
    string,
    {
      label_id: string;
      shipment_id: string;
      tracking_number: string;
      voided: boolean;
      /** Each package's own tracking number (a multi-package label: the first is the master). */
      packages: string[];
    }
  >();
  const download = (tracking: string) => ({ zpl: `${fake.url}/download/${tracking}.zpl` });
  const withPackages = (l: { tracking_number: string; packages: string[] }) => ({
    ...l,
    label_download: download(l.tracking_number),
    packages: l.packages.map((t, i) => ({
      package_id: i + 1,
      tracking_number: t,
      label_download: download(t),
    })),
  });
  let next = 1;
  // The keys ShipEngine signs its webhooks with: an RSA pair, the public half published as a JWKS.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'se-webhook-1';
  const fake = (await startFake((req, body, res, f) => {
    const url = new URL(req.url ?? '/', f.url);
    if (url.pathname === '/jwks')
      return answer(res, f, 200, {
        keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }],
      });
    if (req.headers['api-key'] !== apiKey)
      return answer(res, f, 401, {
        errors: [{ error_code: 'unauthorized', message: 'The API key is invalid.' }],
      });
    if (url.pathname.startsWith('/download/'))
      return void res
        .writeHead(200, { 'Content-Type': 'text/plain' })
        .end(`^XA^FO50,50^BCN,100,Y,N,N^FD${url.pathname.slice(10, -4)}^FS^XZ`);
    if (req.method === 'POST' && url.pathname === '/v1/labels') {
      if (!/application\/json/.test(String(req.headers['content-type'])))
        return answer(res, f, 415, {
          errors: [{ error_code: 'unspecified', message: 'Content-Type must be JSON' }],
        });
      const problem = labelRequestProblem(body, expect);
      if (problem)
        return answer(res, f, 400, { errors: [{ error_code: 'invalid_field_value', message: problem }] });
      const shipment = (
        JSON.parse(body) as { shipment: { external_shipment_id: string; packages: unknown[] } }
      ).shipment;
      const ext = shipment.external_shipment_id;
      if (labels.has(ext))
        return answer(res, f, 400, {
          errors: [
            { error_code: 'invalid_field_value', message: `external_shipment_id ${ext} is already in use` },
          ],
        });
      const n = next++;
      const tracking = `1Z999AA1${String(n).padStart(10, '0')}`;
      const label = {
        label_id: `se-${n}`,
        shipment_id: `shp-${n}`,
        tracking_number: tracking,
        voided: false,
        packages: shipment.packages.map((_, i) => (i === 0 ? tracking : `${tracking}-${i + 1}`)),
      };
      labels.set(ext, label);
      return answer(res, f, 200, { ...withPackages(label), status: 'completed' });
    }
    const byExt = /^\/v1\/shipments\/external_shipment_id\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && byExt) {
      const l = labels.get(decodeURIComponent(byExt[1]!));
      return l
        ? answer(res, f, 200, { shipment_id: l.shipment_id, external_shipment_id: byExt[1] })
        : answer(res, f, 404, { errors: [{ error_code: 'not_found', message: 'not found' }] });
    }
    if (req.method === 'GET' && url.pathname === '/v1/labels') {
      const sid = url.searchParams.get('shipment_id');
      return answer(res, f, 200, {
        labels: [...labels.values()].filter((l) => l.shipment_id === sid).map(withPackages),
      });
    }
    const voidMatch = /^\/v1\/labels\/(.+)\/void$/.exec(url.pathname);
    if (req.method === 'PUT' && voidMatch) {
      const l = [...labels.values()].find((x) => x.label_id === voidMatch[1]);
      if (!l) return answer(res, f, 404, { errors: [{ error_code: 'not_found', message: 'no label' }] });
      l.voided = true;
      return answer(res, f, 200, { approved: true, message: 'Request for refund submitted.' });
    }
    if (req.method === 'GET' && url.pathname === '/v1/carriers') return answer(res, f, 200, { carriers: [] });
    if (req.method === 'GET' && url.pathname === '/v1/tracking')
      return answer(
        res,
        f,
        200,
        fake.tracking.get(url.searchParams.get('tracking_number') ?? '') ?? { status_code: 'IT', events: [] },
      );
    return answer(res, f, 404, { errors: [{ error_code: 'not_found', message: url.pathname }] });
  })) as ShipEngineFake;
  fake.labels = labels;
  fake.tracking = new Map();
  fake.webhook = (data, at = new Date()) => {
    const body = JSON.stringify({
      resource_url: `${fake.url}/v1/tracking?tracking_number=${data.tracking_number}`,
      resource_type: 'API_TRACK',
      data,
    });
    const timestamp = at.toISOString();
    const signature = sign('sha256', Buffer.from(`${timestamp}.${body}`), privateKey).toString('base64');
    return {
      body,
      headers: {
        'Content-Type': 'application/json',
        'x-shipengine-rsa-sha256-key-id': kid,
        'x-shipengine-rsa-sha256-signature': signature,
        'x-shipengine-timestamp': timestamp,
      },
    };
  };
  return fake;
}
