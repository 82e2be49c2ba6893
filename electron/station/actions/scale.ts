import { ContractError } from '../../../shared/contract';
import type { ScaleDevice } from '../../devices/scale';

const refused = (e: Error) => Promise.reject(new ContractError('refused', e.message));

export function setVirtualWeight(scale: ScaleDevice, grams: number): void {
  if (!scale.setWeight)
    throw new ContractError('refused', 'this bench has a real scale, not the virtual one');
  scale.setWeight(grams);
}

export const zeroScale = (scale: ScaleDevice) => scale.zero().catch(refused);
export const tareScale = (scale: ScaleDevice) => scale.tare().catch(refused);
