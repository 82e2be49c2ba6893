export { StabilityWindow, type WeightSample } from './stability';
export { PlacementTracker } from './placement';
export {
  checkWeight,
  learnedCheck,
  skuSetKey,
  type WeightRules,
  type WeighedLine,
  type WeightCheck,
  type LearnedCheck,
  type ToleranceRule,
} from './check';
export { suggestBox, type PackageType, type ItemSize } from './boxes';
