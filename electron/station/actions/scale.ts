import { refuse } from '../../../shared/contract';
import type { ScaleDevice } from '../../devices/scale';

const refused = (e: Error) => Promise.reject(refuse('scale-refused', { detail: e.message }));

export function setVirtualWeight(scale: ScaleDevice, grams: number): void {
  if (!scale.setWeight) throw refuse('scale-not-virtual');
  scale.setWeight(grams);
}

export const zeroScale = (scale: ScaleDevice) => scale.zero().catch(refused);
export const tareScale = (scale: ScaleDevice) => scale.tare().catch(refused);
