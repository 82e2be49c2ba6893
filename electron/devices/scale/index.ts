import type { Config } from '../../config';
import type { ScaleDevice, ScaleEvents } from './device';
import { HidScale } from './hidScale';
import { SerialScale } from './serialScale';
import { VirtualScale } from './virtualScale';

export * from './codecs';
export { decodePostalReport } from './hidPostal';
export { ReadingPipeline, type ScaleDevice, type ScaleEvents, type ScaleReading } from './device';
export { SerialScale, type SerialScaleOptions } from './serialScale';
export { VirtualScale } from './virtualScale';
export { HidScale } from './hidScale';
export { ScaleEmulator, type EmulatorOptions } from './emulator';
export { detectScaleProtocol, readScaleOnce, type ProtocolAnswer } from './detect';

/** The bench's scale from its config. */
export function createScale(config: Config, on: ScaleEvents): ScaleDevice {
  const s = config.scale;
  const nearZeroG = config.weight.nearZeroGrams;
  if (s.kind === 'virtual') return new VirtualScale(s.grams, on, nearZeroG);
  if (s.kind === 'hid') return new HidScale({ vendorId: s.vendorId, productId: s.productId }, on, nearZeroG);
  return new SerialScale(
    {
      path: s.port,
      protocol: s.protocol,
      baud: s.baud,
      parity: s.parity,
      dataBits: s.dataBits,
      stopBits: s.stopBits,
      unit: s.unit,
      stableWindowMs: config.weight.stableWindowMs,
      nearZeroG,
    },
    on,
  );
}
