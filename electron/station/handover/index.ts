export { Handovers } from './handovers';
export { WarehouseHandovers } from './warehouse';
export type { Dock, Batch, DailyRow, ShelfRow, HandoverLine, HandoverScan, ClosedBatch } from './dock';
