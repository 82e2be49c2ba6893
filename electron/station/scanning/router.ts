import type { Screen } from '../../../shared/contract';
import { COMMAND_PREFIX } from '../../../shared/scan';

/**
 * What one scan means at this bench now. Every scanner (the page's wedge, the Electron main-process wedge, serial/CDC
 * and HID scanners) feeds the same router; the page only says what it shows.
 */
export type ScanRoute =
  /** The Devices page's scan test: shown, never packed. */
  | 'scan-test'
  /** A shift lead's badge into the open approval dialog. */
  | 'approval'
  /** A closed box's label onto the open handover batch. */
  | 'handover'
  /** A badge while nobody is logged in. */
  | 'login'
  /** The printed label that closes a booked box. */
  | 'label'
  /** Everything else goes to the pack workflow: command barcodes, orders, items, serials, box types. */
  | 'pack';

export interface RouterView {
  scanTest: boolean;
  screen: Screen;
  loggedIn: boolean;
  /** The open box is booked and waits for its printed label. */
  awaitingLabel: boolean;
}

export function routeScan(view: RouterView, data: string): ScanRoute {
  if (view.scanTest) return 'scan-test';
  if (view.screen.dialog === 'approval') return 'approval';
  // Anything with the command prefix is the workflow's (a misprinted command is refused there, never a label).
  const command = data.toUpperCase().startsWith(COMMAND_PREFIX);
  // Loading the truck is not packing: the dock may load boxes with nobody logged in at the bench.
  if (view.screen.page === 'handover' && !command) return 'handover';
  if (!view.loggedIn) return 'login';
  if (view.awaitingLabel && !command) return 'label';
  return 'pack';
}
