import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigSchema } from '../config';
import { silentLog } from '../log';
import { Station } from '../station';
import { tempDir } from '../testing';
import { startHeadlessServer, type HeadlessServer } from './index';

let dir: string;
let cleanup: () => void;
let station: Station;
let server: HeadlessServer;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packbench</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const config = ConfigSchema.parse({ station: { id: 'SRV-1' } });
  station = new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: join(dir, 'bench.db') },
    version: '9.9.9',
    log: silentLog,
  });
  server = await startHeadlessServer({ station, rendererDir, log: silentLog, token: 'secret-token' });
});
afterEach(async () => {
  await server.close();
  await station.close();
  cleanup();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens /rpc; resolves with the socket or the HTTP status the upgrade was refused with. */
function connect(query: string, headers: Record<string, string> = {}) {
  return new Promise<WebSocket | number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

function rpc(ws: WebSocket, payload: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  });
}

describe('headless server', () => {
  it('answers /healthz without a token', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ ok: true, version: '9.9.9', stationId: 'SRV-1' });
    expect(body.devices.map((d: { id: string }) => d.id)).toEqual([
      'scale',
      'scanner:wedge',
      'printer:label',
    ]);
  });

  it('serves the page only with the token, then the assets by the cookie it set', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    const page = await get('/?token=secret-token');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe('packbench_token=secret-token');
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/assets/app.js', { cookie })).status).toBe(200);
    expect((await get('/../../etc/passwd', { cookie })).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    expect((await get('/?token=secret-token', { host: 'evil.example:80' })).status).toBe(403);
  });

  it('guards /rpc: 401 without or with a wrong token, 403 for a foreign Origin', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=nope')).toBe(401);
    expect(await connect('?token=secret-token', { origin: 'https://evil.example' })).toBe(403);
    const ws = await connect('?token=secret-token', { origin: `http://127.0.0.1:${server.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it('speaks JSON-RPC 2.0: results, and errors that leave the station running', async () => {
    const ws = (await connect('', { cookie: 'packbench_token=secret-token' })) as WebSocket;
    expect(await rpc(ws, { jsonrpc: '2.0', id: 1, method: 'station.getState' })).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: { stationId: 'SRV-1', phase: 'login', packer: null, box: null },
    });
    expect(await rpc(ws, { jsonrpc: '2.0', id: 2, method: 'station.nope' })).toMatchObject({
      id: 2,
      error: { code: -32601 },
    });
    const bad = await rpc(ws, { jsonrpc: '2.0', id: 3, method: 'station.info', params: { x: 1 } });
    expect(bad).toMatchObject({ id: 3, error: { code: -32602, data: { code: 'bad-params' } } });
    expect(await rpc(ws, '{not json')).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await rpc(ws, [1, 2])).toMatchObject({ error: { code: -32600 } });
    expect(await rpc(ws, { id: 4, method: 'station.info' })).toMatchObject({
      id: 4,
      error: { code: -32600 },
    });
    const info = await rpc(ws, { jsonrpc: '2.0', id: 5, method: 'station.info', params: {} });
    expect(info).toMatchObject({ id: 5, result: { stationId: 'SRV-1', version: '9.9.9' } });
    ws.close();
  });

  it('pushes station events to connected views', async () => {
    const ws = (await connect('?token=secret-token')) as WebSocket;
    const pushed = new Promise<unknown>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(d.toString()))),
    );
    station.devices.report('scale', { state: 'disconnected', detail: 'cable pulled' });
    expect(await pushed).toEqual({
      jsonrpc: '2.0',
      method: 'device.status',
      params: {
        id: 'scale',
        kind: 'scale',
        name: 'virtual scale',
        state: 'disconnected',
        detail: 'cable pulled',
      },
    });
    ws.close();
  });

  it('will not listen beyond loopback unless told to', async () => {
    await expect(
      startHeadlessServer({ station, rendererDir: null, host: '0.0.0.0', log: silentLog }),
    ).rejects.toThrow(/--allow-remote/);
  });
});
