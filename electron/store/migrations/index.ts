import init010 from './010_init.sql?raw';
import attention020 from './020_attention.sql?raw';
import takenSerials030 from './030_taken_serials.sql?raw';
import shelf040 from './040_shelf.sql?raw';
import summaries050 from './050_summaries.sql?raw';
import reviewIndexes060 from './060_review_indexes.sql?raw';
import retention070 from './070_retention.sql?raw';
import startIndexes080 from './080_start_indexes.sql?raw';
import openCounts090 from './090_open_counts.sql?raw';
import itemFirst100 from './100_item_first.sql?raw';
import audit110 from './110_audit.sql?raw';
import cartons120 from './120_cartons.sql?raw';
import feeds130 from './130_feeds.sql?raw';
import tracking140 from './140_tracking.sql?raw';
import customs150 from './150_customs.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered in steps of 10, applied in order; the number becomes PRAGMA user_version. */
export const migrations: readonly Migration[] = [
  { version: 10, name: 'init', sql: init010 },
  { version: 20, name: 'attention', sql: attention020 },
  { version: 30, name: 'taken serials', sql: takenSerials030 },
  { version: 40, name: 'shelf', sql: shelf040 },
  { version: 50, name: 'summaries', sql: summaries050 },
  { version: 60, name: 'review indexes', sql: reviewIndexes060 },
  { version: 70, name: 'retention', sql: retention070 },
  { version: 80, name: 'start indexes', sql: startIndexes080 },
  { version: 90, name: 'open counts', sql: openCounts090 },
  { version: 100, name: 'item first', sql: itemFirst100 },
  { version: 110, name: 'audit', sql: audit110 },
  { version: 120, name: 'cartons', sql: cartons120 },
  { version: 130, name: 'feeds', sql: feeds130 },
  { version: 140, name: 'tracking', sql: tracking140 },
  { version: 150, name: 'customs', sql: customs150 },
];
