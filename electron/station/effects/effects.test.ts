import { describe, expect, it } from 'vitest';
import type { BoxState, PackEvent } from '../pack';
import { effectsAtStart, effectsOf } from './effects';

const box = (over: Partial<BoxState> = {}): BoxState =>
  ({
    sessionId: 'S1',
    verification: 'open',
    okScans: [],
    insertsConfirmed: [],
    status: 'open',
    weightApproved: false,
    shipment: null,
    bookingAttempts: 0,
    closed: false,
    cartons: [],
    sealed: false,
    ...over,
  }) as BoxState;
const scanned = { type: 'scan.checked' } as PackEvent;
const ok = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ seq: i, sku: 'A', allocations: [], serial: null }));

describe('effects of committed events', () => {
  it('a box that became complete waits for a weight; one still open does not', () => {
    expect(effectsOf('S1', box(), box({ okScans: ok(1) }), [scanned])).toEqual([]);
    expect(
      effectsOf('S1', box({ okScans: ok(1) }), box({ okScans: ok(2), verification: 'complete' }), [scanned]),
    ).toEqual([{ kind: 'weigh', key: 'S1/complete/2/0/0' }]);
  });
  it('a weighing that changes nothing in the box asks for nothing new; an insert confirmed asks again', () => {
    const waiting = box({ okScans: ok(2), verification: 'complete' });
    expect(effectsOf('S1', waiting, { ...waiting }, [{ type: 'box.weighed' } as PackEvent])).toEqual([]);
    expect(effectsOf('S1', waiting, { ...waiting, insertsConfirmed: ['FLYER'] }, [])).toEqual([
      { kind: 'weigh', key: 'S1/complete/2/1/0' },
    ]);
  });
  it('an approved weight books once, with the next attempt as key; a box with a shipment is not booked again', () => {
    const waiting = box({ verification: 'complete' });
    expect(effectsOf('S1', waiting, { ...waiting, weightApproved: true, bookingAttempts: 1 }, [])).toEqual([
      { kind: 'book', key: 'S1-2' },
    ]);
    const approved = box({ verification: 'complete', weightApproved: true });
    expect(effectsOf('S1', approved, { ...approved }, [])).toEqual([]);
    const failed = { ...approved, shipment: { status: 'failed' } as BoxState['shipment'] };
    expect(effectsOf('S1', failed, { ...failed }, [])).toEqual([]);
  });
  it('a booking prints and a close notifies, also for a session that is not the open box', () => {
    expect(effectsOf('S9', null, null, [{ type: 'box.booked', shipmentId: 4 } as PackEvent])).toEqual([
      { kind: 'print', key: 'label-4', printers: ['label', 'slip'] },
    ]);
    expect(effectsOf('S9', null, null, [{ type: 'box.closed' } as PackEvent])).toEqual([
      { kind: 'notify', key: 'ship-S9' },
    ]);
  });
  it('a held box waits for nothing; a resumed one asks for what it waits for again', () => {
    const waiting = box({ verification: 'complete' });
    expect(
      effectsOf('S1', waiting, { ...waiting, status: 'held' }, [{ type: 'box.held' } as PackEvent]),
    ).toEqual([]);
    expect(effectsOf('S1', waiting, { ...waiting }, [{ type: 'box.resumed' } as PackEvent])).toEqual([
      { kind: 'weigh', key: 'S1/complete/0/0/0' },
    ]);
  });
  it('at start, a resumed box gets what leads to it from an empty bench', () => {
    expect(effectsAtStart(null)).toEqual([]);
    expect(effectsAtStart(box({ verification: 'partial', weightApproved: true }))).toEqual([
      { kind: 'book', key: 'S1-1' },
    ]);
  });
});
