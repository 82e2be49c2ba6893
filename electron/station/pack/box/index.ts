export * from './events';
export {
  applyEvent,
  cartonNo,
  openCartonContents,
  openCartonInserts,
  packedBefore,
  replay,
  shortLines,
  type BoxState,
  type CartonDone,
  type OkScan,
  type LastScan,
} from './box';
