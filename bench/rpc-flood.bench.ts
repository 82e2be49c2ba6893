import { afterAll, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../electron/testing';
import { printTable, summarize, type Figure } from './harness';
import { benchServer, benchStation } from './rig';

// A client that sends 10 000 requests at once on one socket (a stuck page, a script): how long the answers take, how
// much memory the station takes meanwhile, and whether a well-behaved client on another socket is still answered.
const N = 10_000;
const figures: Figure[] = [];
const notes: string[] = [];
const { dir, cleanup } = tempDir('packbench-bench-flood-');
afterAll(() => {
  printTable(`A flood of ${N.toLocaleString('en')} RPC requests on one socket`, figures);
  console.log(notes.join('\n') + '\n');
  cleanup();
});

const mib = () => process.memoryUsage().rss / 2 ** 20;

it.each(['station.getState', 'scan.submit'])(
  '%s × 10 000 at once',
  async (method) => {
    const station = benchStation(dir, `FLOOD-${method.replace('.', '-')}`);
    station.scan('U1001');
    station.scan('SO202611290002');
    const server = await benchServer(station);
    const url = new URL(server.url);
    const connect = async () => {
      const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`);
      await new Promise((r) => ws.once('open', r));
      return ws;
    };
    const flood = await connect();
    const polite = await connect();
    global.gc?.();
    const rss0 = mib();
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, mib())), 20);
    let answered = 0;
    let refused = 0;
    const done = new Promise<void>((resolve) =>
      flood.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { id?: number; error?: unknown };
        if (m.id === undefined) return;
        answered++;
        if (m.error) refused++;
        if (answered === N) resolve();
      }),
    );
    const params = method === 'scan.submit' ? { code: '6900012345004' } : {};
    const t = performance.now();
    for (let i = 1; i <= N; i++) flood.send(JSON.stringify({ jsonrpc: '2.0', id: i, method, params }));
    // Meanwhile, the page on its own socket asks for the state ten times.
    const politeTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await new Promise<void>((resolve) => {
        const on = (d: WebSocket.RawData) => {
          if ((JSON.parse(d.toString()) as { id?: number }).id !== -1 - i) return;
          polite.off('message', on);
          resolve();
        };
        polite.on('message', on);
        polite.send(JSON.stringify({ jsonrpc: '2.0', id: -1 - i, method: 'station.getState', params: {} }));
      });
      politeTimes.push(performance.now() - s);
    }
    await done;
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    figures.push(summarize(`${method}: another socket's getState during the flood`, politeTimes));
    notes.push(
      `${method}: ${N} answered in ${seconds.toFixed(1)} s (${refused} refused as too many at once); RSS ${rss0.toFixed(0)} → peak ${peak.toFixed(0)} MiB`,
    );
    flood.terminate();
    polite.terminate();
    await server.close();
    await station.close();
  },
  300_000,
);
