export {
  Warehouse,
  FutureWarehouseError,
  type WarehouseConnection,
  type ClaimResult,
  type BenchSeen,
  type BenchDevice,
} from './warehouse';
export type { Intercept } from './listen';
export type { SingleClaim } from './singles';
export type { Job } from './jobs';
export { warehouseMigrations, type WarehouseMigration } from './migrations';
export type { WarehouseDock, DockShipment } from './dock';
export type { WarehouseFeeds, FeedRecordUp, FeedWriteResult } from './feeds';
