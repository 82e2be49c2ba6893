import { useEffect, useState } from 'react';
import type { ScaleReadingView } from '../../shared/contract';
import { client } from './client';

/** The live weight, as the scale reports it. */
export function useScaleReading(): ScaleReadingView | null {
  const [reading, setReading] = useState<ScaleReadingView | null>(null);
  useEffect(() => client.on('scale.reading', setReading), []);
  return reading;
}
