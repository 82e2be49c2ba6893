export { stripAim, isGs1Symbology, type AimSplit } from './aim';
export { parseGs1, looksLikeGs1, gtinCandidates, Gs1Error, GS, type Gs1Data } from './gs1';
export {
  parseCommand,
  commandBarcode,
  COMMAND_PREFIX,
  PACK_MODES,
  type PackMode,
  type ScanCommand,
} from './command';
export { WedgeDetector, DEFAULT_WEDGE, type WedgeAction, type WedgeOptions } from './wedge';
export { readScan, readSplitScan, type ScanReading } from './read';
