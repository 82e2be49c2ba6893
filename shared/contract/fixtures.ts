import type { StationState } from './station';

/** An idle station's state, for tests of the contract plumbing. */
export const IDLE_STATE: StationState = {
  stationId: 'X',
  phase: 'idle',
  packer: null,
  box: null,
  feedback: null,
  scanTest: { active: false, last: null },
  reasons: { override: ['a'], hold: ['b'], partial: ['c'] },
  packing: { mode: 'order-first', wave: null },
  revision: 0,
  mismatches: 0,
  scaleConnected: true,
  screen: { page: 'pack', dialog: null },
  approval: null,
  warehouse: null,
};
