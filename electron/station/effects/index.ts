export { effectsOf, effectsAtStart, type Effect } from './effects';
export { EffectRunner, type EffectHandlers } from './runner';
