import { stripAim } from '../../../shared/scan';
import type { ScanEvent } from '../../devices/scanner';

/**
 * A scan as it enters the station from the page or the command line: the AIM identifier is read here, once; scanner
 * drivers do the same at their own edge, so the router and the workflow only ever see the data and its symbology.
 */
export function scanAtEdge(raw: string, scanner: string, at: Date): ScanEvent {
  const { data, symbology } = stripAim(raw.trim());
  return { code: data, symbology, scanner, at };
}
