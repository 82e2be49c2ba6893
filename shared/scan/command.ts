/**
 * Command barcodes a packer scans instead of touching the screen (printed from Settings): `PB:UNDO`, `PB:CONFIRM`,
 * `PB:HOLD:<reason>`, `PB:PARTIAL:<reason>`, `PB:LOGOUT`, `PB:MODE:ITEM`, `PB:MODE:ORDER`, `PB:NEWBOX` (the order goes on in
 * another carton).
 */
export type ScanCommand =
  | { command: 'undo' }
  | { command: 'confirm' }
  | { command: 'logout' }
  | { command: 'newbox' }
  | { command: 'mode'; mode: PackMode }
  | { command: 'hold'; reason: string }
  | { command: 'partial'; reason: string };

export const COMMAND_PREFIX = 'PB:';

/** How a box starts: from the order's paper (order-first), or from an item that chooses a single-item order (item-first). */
export const PACK_MODES = ['order-first', 'item-first'] as const;
export type PackMode = (typeof PACK_MODES)[number];
const MODE_WORDS: Record<string, PackMode> = { ITEM: 'item-first', ORDER: 'order-first' };

export function parseCommand(code: string): ScanCommand | null {
  if (!code.toUpperCase().startsWith(COMMAND_PREFIX)) return null;
  const [verb = '', ...rest] = code.slice(COMMAND_PREFIX.length).split(':');
  const reason = rest.join(':').trim();
  switch (verb.toUpperCase()) {
    case 'UNDO':
      return { command: 'undo' };
    case 'CONFIRM':
      return { command: 'confirm' };
    case 'LOGOUT':
      return { command: 'logout' };
    case 'NEWBOX':
      return { command: 'newbox' };
    case 'MODE': {
      const mode = MODE_WORDS[reason.toUpperCase()];
      return mode ? { command: 'mode', mode } : null;
    }
    case 'HOLD':
      return reason ? { command: 'hold', reason } : null;
    case 'PARTIAL':
      return reason ? { command: 'partial', reason } : null;
    default:
      return null;
  }
}

export const commandBarcode = (c: ScanCommand): string =>
  c.command === 'mode'
    ? `${COMMAND_PREFIX}MODE:${c.mode === 'item-first' ? 'ITEM' : 'ORDER'}`
    : 'reason' in c
      ? `${COMMAND_PREFIX}${c.command.toUpperCase()}:${c.reason}`
      : `${COMMAND_PREFIX}${c.command.toUpperCase()}`;
