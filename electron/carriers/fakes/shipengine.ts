import { answer, startFake, type FakeServer } from './server';

export interface ShipEngineFake extends FakeServer {
  labels: Map<string, { label_id: string; shipment_id: string; tracking_number: string; voided: boolean }>;
}

/** ShipEngine's REST API as a local server: API-Key checked, unique external_shipment_id, lookup, void, ZPL download. */
export async function startShipEngineFake(apiKey: string): Promise<ShipEngineFake> {
  const labels = new Map<
    string,
    { label_id: string; shipment_id: string; tracking_number: string; voided: boolean }
  >();
  let next = 1;
  const fake = (await startFake((req, body, res, f) => {
    const url = new URL(req.url ?? '/', f.url);
    if (req.headers['api-key'] !== apiKey)
      return answer(res, f, 401, {
        errors: [{ error_code: 'unauthorized', message: 'The API key is invalid.' }],
      });
    if (url.pathname.startsWith('/download/'))
      return void res
        .writeHead(200, { 'Content-Type': 'text/plain' })
        .end(`^XA^FO50,50^BCN,100,Y,N,N^FD${url.pathname.slice(10, -4)}^FS^XZ`);
    if (req.method === 'POST' && url.pathname === '/v1/labels') {
      const ext = (JSON.parse(body) as { shipment: { external_shipment_id: string } }).shipment
        .external_shipment_id;
      if (labels.has(ext))
        return answer(res, f, 400, {
          errors: [
            { error_code: 'invalid_field_value', message: `external_shipment_id ${ext} is already in use` },
          ],
        });
      const n = next++;
      const label = {
        label_id: `se-${n}`,
        shipment_id: `shp-${n}`,
        tracking_number: `1Z999AA1${String(n).padStart(10, '0')}`,
        voided: false,
      };
      labels.set(ext, label);
      return answer(res, f, 200, {
        ...label,
        status: 'completed',
        label_download: { zpl: `${f.url}/download/${label.tracking_number}.zpl` },
      });
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
        labels: [...labels.values()]
          .filter((l) => l.shipment_id === sid)
          .map((l) => ({ ...l, label_download: { zpl: `${f.url}/download/${l.tracking_number}.zpl` } })),
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
      return answer(res, f, 200, { status_code: 'IT', events: [] });
    return answer(res, f, 404, { errors: [{ error_code: 'not_found', message: url.pathname }] });
  })) as ShipEngineFake;
  fake.labels = labels;
  return fake;
}
