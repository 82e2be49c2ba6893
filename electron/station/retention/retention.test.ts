import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { tempDir } from '../../testing';
import { seedHistory } from '../seed';
import { Station } from '..';
import { archiveOld } from './index';

const NOW = new Date('2026-11-30T12:00:00Z');
let dir: string;
let cleanup: () => void;
let station: Station;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'RET-1' } }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 'test',
    log: silentLog,
    now: () => NOW,
  });
  // 300 boxes, one a day for 300 days; 60 of them with a mismatch.
  seedHistory(station.repos, { boxes: 300, mismatches: 60, days: 300, stationId: 'RET-1', now: NOW });
});
afterEach(async () => {
  await station.close();
  cleanup();
});

const db = () => station.store.db;
const count = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...args) as number;
const oldSession = () =>
  db()
    .prepare("SELECT id FROM pack_sessions WHERE closed_at < '2026-06-01' ORDER BY closed_at LIMIT 1")
    .pluck()
    .get() as string;

describe('retention', () => {
  it('moves the events of boxes closed over 90 days ago to monthly files, and nothing else', async () => {
    const before = {
      events: count('SELECT count(*) FROM events'),
      recent: count(
        "SELECT count(*) FROM events e JOIN pack_sessions s ON s.id = e.session_id WHERE s.closed_at >= '2026-09-01'",
      ),
      mismatches: station.repos.mismatches.list({ limit: 1 }).total,
      sessions: count('SELECT count(*) FROM pack_sessions'),
    };
    const r = await archiveOld({
      archives: station.store.archives,
      days: 90,
      now: () => NOW,
      log: silentLog,
    });
    expect(r.sessions).toBeGreaterThan(200);
    expect(r.sessions).toBeLessThan(215);
    // Every moved event is in an archive file; what is left is the last 90 days.
    const left = count('SELECT count(*) FROM events');
    expect(left + r.events).toBe(before.events);
    expect(
      count(
        "SELECT count(*) FROM events e JOIN pack_sessions s ON s.id = e.session_id WHERE s.closed_at < '2026-09-01'",
      ),
    ).toBe(0);
    expect(left).toBe(before.recent);
    // One file per month, named by the month the boxes closed.
    expect(r.files.map((f) => f.slice(-10))).toContain('2026-03.db');
    for (const f of r.files) expect(statSync(f).size).toBeGreaterThan(0);
    // The lead's log, the boxes themselves and the charts' counts stay.
    expect(station.repos.mismatches.list({ limit: 1 }).total).toBe(before.mismatches);
    expect(count('SELECT count(*) FROM pack_sessions')).toBe(before.sessions);
    // A second run has nothing left to move.
    expect(
      (await archiveOld({ archives: station.store.archives, days: 90, now: () => NOW, log: silentLog }))
        .sessions,
    ).toBe(0);
  });

  it("an archived box's timeline and its label are read back from its month's file", async () => {
    const sessionId = oldSession();
    const timeline = station.repos.sessions.events(sessionId);
    expect(timeline.length).toBeGreaterThan(3);
    const shipment = station.repos.shipments.byKey(sessionId)!; // the seed keys a booking by its session
    const label = Buffer.from('^XA^FDlabel of long ago^FS^XZ');
    const job = station.repos.printJobs.add(
      {
        printer: 'label',
        language: 'zpl',
        kind: 'label',
        session_id: sessionId,
        waybill_no: shipment.waybill_no,
        payload: label,
      },
      '2026-03-01T00:00:00Z',
    );
    station.repos.printJobs.setStatus(job, 'done', '2026-03-01T00:00:01Z');
    const r = await archiveOld({
      archives: station.store.archives,
      days: 90,
      now: () => NOW,
      log: silentLog,
    });
    expect(r.labels).toBe(1);
    expect(station.repos.sessions.events(sessionId)).toEqual([]);
    expect(station.repos.printJobs.byId(job)!.payload.length).toBe(0);
    // Through the contract, as the lead's page asks.
    expect(await station.call('session.events', { sessionId })).toMatchObject({
      ok: true,
      result: timeline.map((e) => expect.objectContaining({ seq: e.seq, type: e.type })),
    });
    // A reprint prints the archived bytes.
    station.login(station.repos.users.byBadge('L2001'));
    station.reprint('贴错了', shipment.waybill_no!);
    const reprinted = station.repos.printJobs.forSession(sessionId).at(-1)!;
    expect(reprinted.reprint_of).toBe(job);
    expect(Buffer.from(reprinted.payload).equals(label)).toBe(true);
  });

  it('archives only events the warehouse has confirmed, and never the newest event', async () => {
    const upTo = count('SELECT max(rowid) FROM events') / 3;
    const r = await archiveOld({
      archives: station.store.archives,
      days: 90,
      now: () => NOW,
      log: silentLog,
      confirmedUpTo: () => upTo,
    });
    expect(r.sessions).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM events WHERE rowid <= ?', upTo)).toBeLessThan(10);
    expect(
      count(
        "SELECT count(*) FROM events e JOIN pack_sessions s ON s.id = e.session_id WHERE s.closed_at < '2026-09-01' AND e.rowid > ?",
        upTo,
      ),
    ).toBeGreaterThan(0);
    // Even with everything old, the newest event stays: the rowids (the warehouse's cursor) never restart.
    const newest = count('SELECT max(rowid) FROM events');
    await archiveOld({ archives: station.store.archives, days: -1000, now: () => NOW, log: silentLog });
    expect(count('SELECT max(rowid) FROM events')).toBe(newest);
    expect(existsSync(join(dir, 'archive'))).toBe(true);
  });
});
