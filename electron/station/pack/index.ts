export { PackWorkflow, waitsForWeight, type PackContext } from './workflow';
export { itemCodes } from './contents';
export { boxView, phaseOf, type WeightPreview } from './view';
export type { BoxState, CartonDone, Envelope, PackEvent, ParcelNumber } from './box';
export { cartonNo, openCartonContents, openCartonInserts } from './box';
export { PACK_EVENT_TYPES } from './box';
export { project } from './projections';
