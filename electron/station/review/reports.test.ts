import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../log';
import { mismatchesCsv } from '../../reports';
import { openReader, openStore, type Reader, type Store } from '../../store';
import { tempDir } from '../../testing';
import { seedHistory } from '../seed';
import { reportThread, type ReportThread } from '.';

// The lead's reports in a worker thread of their own, on the build `npm run build` makes (as the station runs them).
let dir: string;
let cleanup: () => void;
let store: Store;
let reader: Reader;
let thread: ReportThread;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'bench.db'));
  seedHistory(store.repos, { boxes: 400, mismatches: 3000, days: 60, stationId: 'R-1', now: new Date() });
  reader = openReader(join(dir, 'bench.db'));
  thread = reportThread(join(dir, 'bench.db'), silentLog)!;
});
afterAll(async () => {
  await thread.close();
  reader.close();
  store.close();
  cleanup();
});

// `npm test` builds before it runs the tests: without a build there is no thread to test, and that is a failure.
describe('the report thread', () => {
  it('reads on a thread of its own and answers as the station thread would', async () => {
    expect(await thread.call({ method: 'thread', params: {} })).not.toBe(threadId);
    const f = { limit: 25, type: 'weight' };
    expect(await thread.call({ method: 'list', params: f })).toEqual(reader.mismatches.list(f));
    expect(await thread.call({ method: 'stats', params: {} })).toEqual(reader.mismatches.stats());
  });

  it('builds the whole export there: the same bytes as built here', async () => {
    const all = reader.mismatches.list({ limit: 100_000, count: false }).rows;
    const bytes = await thread.call<Buffer>({ method: 'export', params: { format: 'csv', filter: {} } });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.equals(await mismatchesCsv(all))).toBe(true);
  });

  it('a thread that stops fails what it was asked, and the next report starts a new one', async () => {
    const first = await thread.call<number>({ method: 'thread', params: {} });
    const asked = thread.call({ method: 'export', params: { format: 'xlsx', filter: {} } });
    await thread.close();
    await expect(asked).rejects.toThrow(/the report thread stopped/);
    const second = await thread.call<number>({ method: 'thread', params: {} });
    expect(second).not.toBe(first);
    expect(await thread.call({ method: 'list', params: { limit: 1 } })).toMatchObject({
      total: reader.mismatches.list({ limit: 1 }).total,
    });
  });

  it('a bad question is answered with its error, and the thread goes on', async () => {
    await expect(thread.call({ method: 'nothing', params: {} } as never)).rejects.toThrow(
      'no report called nothing',
    );
    expect(await thread.call({ method: 'list', params: { limit: 1 } })).toMatchObject({
      total: reader.mismatches.list({ limit: 1 }).total,
    });
  });
});
