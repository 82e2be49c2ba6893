import type { Database } from 'better-sqlite3';
import { MismatchesRepo } from './mismatches';
import { OrdersRepo } from './orders';
import { PackagesRepo } from './packages';
import { PrintJobsRepo } from './printJobs';
import { ShipmentsRepo } from './shipments';
import { ProductsRepo } from './products';
import { SessionsRepo } from './sessions';
import { UsersRepo } from './users';
import { SettingsRepo } from './settings';
import { OutboxRepo } from './outbox';
import { HandoversRepo } from './handovers';
import { WaybillPoolRepo } from './waybillPool';
import { CatalogRepo } from './catalog';
import { AuditRepo } from './audit';
import { ReplicationRepo } from './replication';
import { FeedsRepo } from './feeds';
import { TrackingRepo } from './tracking';
import { CustomsRepo } from './customs';

export * from './orders';
export * from './products';
export * from './sessions';
export * from './users';
export * from './mismatches';
export * from './packages';
export * from './printJobs';
export * from './shipments';
export * from './settings';
export * from './outbox';
export * from './handovers';
export * from './waybillPool';
export * from './catalog';
export * from './audit';
export * from './replication';
export * from './feeds';
export * from './tracking';
export * from './customs';

export interface Repos {
  orders: OrdersRepo;
  products: ProductsRepo;
  sessions: SessionsRepo;
  users: UsersRepo;
  mismatches: MismatchesRepo;
  packages: PackagesRepo;
  printJobs: PrintJobsRepo;
  shipments: ShipmentsRepo;
  settings: SettingsRepo;
  outbox: OutboxRepo;
  handovers: HandoversRepo;
  waybillPool: WaybillPoolRepo;
  catalog: CatalogRepo;
  audit: AuditRepo;
  replication: ReplicationRepo;
  feeds: FeedsRepo;
  tracking: TrackingRepo;
  customs: CustomsRepo;
  /** Runs `fn` in one transaction (nested calls join the outer one): all of it reaches the disk, or none. */
  transaction<T>(fn: () => T): T;
  /** False once the database was closed (a late answer after shutdown is then left for the next start). */
  isOpen(): boolean;
}

export const createRepos = (db: Database): Repos => ({
  orders: new OrdersRepo(db),
  products: new ProductsRepo(db),
  sessions: new SessionsRepo(db),
  users: new UsersRepo(db),
  mismatches: new MismatchesRepo(db),
  packages: new PackagesRepo(db),
  printJobs: new PrintJobsRepo(db),
  shipments: new ShipmentsRepo(db),
  settings: new SettingsRepo(db),
  outbox: new OutboxRepo(db),
  handovers: new HandoversRepo(db),
  waybillPool: new WaybillPoolRepo(db),
  catalog: new CatalogRepo(db),
  audit: new AuditRepo(db),
  replication: new ReplicationRepo(db),
  feeds: new FeedsRepo(db),
  tracking: new TrackingRepo(db),
  customs: new CustomsRepo(db),
  transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  isOpen: () => db.open,
});
