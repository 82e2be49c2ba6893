import { asciiStGs } from './asciiStGs';
import { ohaus } from './ohaus';
import { sics } from './sics';
import { toledo8217 } from './toledo8217';
import { toledoContinuous } from './toledoContinuous';
import type { ScaleCodec, ScaleProtocol } from './types';
import { yaohua, yaohuaA12e } from './yaohua';

export * from './types';
export { toledoChecksum } from './toledoContinuous';
export { yaohuaXor } from './yaohua';

export const CODECS: Record<ScaleProtocol, ScaleCodec> = {
  sics,
  toledo8217,
  'toledo-continuous': toledoContinuous,
  ascii: asciiStGs,
  yaohua,
  'yaohua-a12e': yaohuaA12e,
  ohaus,
};
