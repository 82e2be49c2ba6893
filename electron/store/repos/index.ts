import type { Database } from 'better-sqlite3';
import { MismatchesRepo } from './mismatches';
import { OrdersRepo } from './orders';
import { PackagesRepo } from './packages';
import { ProductsRepo } from './products';
import { SessionsRepo } from './sessions';
import { UsersRepo } from './users';

export * from './orders';
export * from './products';
export * from './sessions';
export * from './users';
export * from './mismatches';
export * from './packages';

export interface Repos {
  orders: OrdersRepo;
  products: ProductsRepo;
  sessions: SessionsRepo;
  users: UsersRepo;
  mismatches: MismatchesRepo;
  packages: PackagesRepo;
}

export const createRepos = (db: Database): Repos => ({
  orders: new OrdersRepo(db),
  products: new ProductsRepo(db),
  sessions: new SessionsRepo(db),
  users: new UsersRepo(db),
  mismatches: new MismatchesRepo(db),
  packages: new PackagesRepo(db),
});
