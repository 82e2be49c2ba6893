export {
  Warehouse,
  FutureWarehouseError,
  type WarehouseConnection,
  type ClaimResult,
  type BenchSeen,
} from './warehouse';
export { warehouseMigrations, type WarehouseMigration } from './migrations';
