export {
  openStore,
  openReader,
  backupFile,
  CorruptDatabaseError,
  type Store,
  type Reader,
  type IntegrityCheck,
} from './open';
export { FutureDatabaseError, migrate } from './migrate';
export { migrations, type Migration } from './migrations';
export * from './repos';
export { lockDatabase, DatabaseLockedError, type DatabaseLock, type LockHolder } from './lock';
export * from './warehouse';
export { Archives, type ArchiveRun } from './archive';
export { adoptDatabase, AdoptError } from './adopt';
