import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentEnvironment, loadConfig } from '../config';

/**
 * Whether this bench runs as an appliance (`station.kiosk`), read before the station starts so a crash in its start
 * is handled as a kiosk's. A config that cannot be read is not a kiosk: the station's start reports it.
 */
export function kioskOf(flag: string | undefined): boolean {
  try {
    return loadConfig(flag, currentEnvironment()).config.station.kiosk;
  } catch {
    return false;
  }
}

/** One more crash in the bench's count (userData/crashes.json): the log says how often a kiosk bench restarted. */
export function countCrash(userData: string): number {
  const file = join(userData, 'crashes.json');
  let count = 0;
  try {
    count = (JSON.parse(readFileSync(file, 'utf8')) as { count?: number }).count ?? 0;
  } catch {
    // No count yet (or an unreadable one): this is the first.
  }
  mkdirSync(userData, { recursive: true });
  writeFileSync(file, JSON.stringify({ count: count + 1, last: new Date().toISOString() }));
  return count + 1;
}
