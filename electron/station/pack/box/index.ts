export * from './events';
export { applyEvent, replay, shortLines, type BoxState, type OkScan, type LastScan } from './box';
