export { WarehouseLink, confirmedEvents, type ClaimOutcome, type WarehouseStatus } from './link';
export { claimFeedback } from './claim';
export { ClaimDesk, type DeskBench } from './desk';
