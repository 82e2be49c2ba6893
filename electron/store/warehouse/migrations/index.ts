import init010 from './010_init.sql?raw';
import replication020 from './020_replication.sql?raw';
import intercepts030 from './030_intercepts.sql?raw';
import jobs040 from './040_jobs.sql?raw';
import master050 from './050_master_notices.sql?raw';
import rules060 from './060_rules.sql?raw';
import mismatchDays070 from './070_mismatch_days.sql?raw';
import benchDevices080 from './080_bench_devices.sql?raw';
import handover090 from './090_handover.sql?raw';
import itemFirst100 from './100_item_first.sql?raw';
import cartons110 from './110_cartons.sql?raw';
import feedsTracking120 from './120_feeds_tracking.sql?raw';
import customs130 from './130_customs.sql?raw';

export interface WarehouseMigration {
  version: number;
  name: string;
  sql: string;
}

/** PostgreSQL migrations, numbered in steps of 10 like the bench's; applied in order, each in its own transaction. */
export const warehouseMigrations: readonly WarehouseMigration[] = [
  { version: 10, name: 'init', sql: init010 },
  { version: 20, name: 'replication', sql: replication020 },
  { version: 30, name: 'intercepts', sql: intercepts030 },
  { version: 40, name: 'jobs', sql: jobs040 },
  { version: 50, name: 'master notices', sql: master050 },
  { version: 60, name: 'rules', sql: rules060 },
  { version: 70, name: 'mismatch days', sql: mismatchDays070 },
  { version: 80, name: 'bench devices', sql: benchDevices080 },
  { version: 90, name: 'handover', sql: handover090 },
  { version: 100, name: 'item first', sql: itemFirst100 },
  { version: 110, name: 'cartons', sql: cartons110 },
  { version: 120, name: 'feeds and tracking', sql: feedsTracking120 },
  { version: 130, name: 'customs', sql: customs130 },
];
