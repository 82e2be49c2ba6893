import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CapturePrinter } from '../devices/printer';
import { startServe, tempDir, waitFor, writeJson } from '../testing';
import { stationClient } from '../testing/rpc';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

interface JobView {
  id: number;
  kind: string;
  status: string;
  lastError: string | null;
}

it('a label job cut off mid-send by SIGKILL is failed at the next start, never resent by itself', async () => {
  // A printer that takes the connection and then stalls: it never reads to the end nor closes.
  const held: Socket[] = [];
  const stalling = createServer((socket) => {
    socket.pause();
    held.push(socket);
  });
  await new Promise<void>((r) => stalling.listen(0, '127.0.0.1', () => r()));
  const port = (stalling.address() as { port: number }).port;
  const config = writeJson(join(dir, 'config.json'), {
    station: { id: 'PRINT-KILL' },
    database: { path: 'bench.db' },
    demoData: true,
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
  });
  const first = await startServe(['--config', config]);
  const c = stationClient(first.url);
  await c.ready;
  for (const code of ['U1001', 'SO202611290002', 'BOX-S', '6900012345141', '6900012345493', '6900012345493'])
    await c.call('scan.submit', { code });
  await c.call('scale.setVirtual', { grams: 912 });
  const jobs = async () => (await c.call('printJob.list')) as JobView[];
  for (let i = 0; i < 100 && !(await jobs()).some((j) => j.kind === 'label' && j.status === 'sending'); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect((await jobs()).find((j) => j.kind === 'label')?.status).toBe('sending');
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  c.close();
  held.forEach((s) => s.destroy());
  await new Promise((r) => stalling.close(r));

  // The printer is fine again on the same port; the bench starts.
  const printer = new CapturePrinter('zpl');
  await printer.start(port);
  const second = await startServe(['--config', config]);
  const c2 = stationClient(second.url);
  await c2.ready;
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await c2.call('printJob.list')) as JobView[];
    expect(after.find((j) => j.kind === 'label')).toMatchObject({
      status: 'failed',
      lastError: 'interrupted while sending: reprint if the label is missing',
    });
    expect(printer.jobs).toHaveLength(0);
    // A person reprints, with a reason: exactly one label comes out.
    await c2.call('scan.submit', { code: 'U1001' });
    expect(await c2.call('printer.reprint', { reason: 'printer-jam' })).toEqual({ ok: true });
    await waitFor(() => printer.jobs.length === 1, 5000, 'the reprint');
    await new Promise((r) => setTimeout(r, 500));
    expect(printer.jobs).toHaveLength(1);
  } finally {
    c2.close();
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    await printer.stop();
  }
});
