export { PackWorkflow, type PackContext } from './workflow';
export { itemCodes } from './contents';
export { boxView, phaseOf, type WeightPreview } from './view';
export type { BoxState, Envelope, PackEvent } from './box';
export { PACK_EVENT_TYPES } from './box';
export { project } from './projections';
