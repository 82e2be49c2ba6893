import type { Database } from 'better-sqlite3';
import { MismatchesRepo } from './mismatches';
import { OrdersRepo } from './orders';
import { PackagesRepo } from './packages';
import { PrintJobsRepo } from './printJobs';
import { ShipmentsRepo } from './shipments';
import { ProductsRepo } from './products';
import { SessionsRepo } from './sessions';
import { UsersRepo } from './users';

export * from './orders';
export * from './products';
export * from './sessions';
export * from './users';
export * from './mismatches';
export * from './packages';
export * from './printJobs';
export * from './shipments';

export interface Repos {
  orders: OrdersRepo;
  products: ProductsRepo;
  sessions: SessionsRepo;
  users: UsersRepo;
  mismatches: MismatchesRepo;
  packages: PackagesRepo;
  printJobs: PrintJobsRepo;
  shipments: ShipmentsRepo;
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
});
