/**
 * The scale protocols a bench can speak. The list lives here, below both the config (which names one) and the
 * devices (which implement each), so neither imports the other's files.
 */
export const SCALE_PROTOCOLS = [
  'sics',
  'toledo8217',
  'toledo-continuous',
  'ascii',
  'yaohua',
  'yaohua-a12e',
  'ohaus',
] as const;
export type ScaleProtocol = (typeof SCALE_PROTOCOLS)[number];
