export * from './box';
export { verifyScan, allCounted, type VerifyInput } from './verify';
export { insertsFor, type InsertRule, type InsertOrderFacts } from './inserts';
