/**
 * Command barcodes a packer scans instead of touching the screen (printed from Settings): `PB:UNDO`, `PB:CONFIRM`,
 * `PB:HOLD:<reason>`, `PB:PARTIAL:<reason>`, `PB:LOGOUT`, `PB:CANCEL`.
 */
export type ScanCommand =
  | { command: 'undo' }
  | { command: 'confirm' }
  | { command: 'logout' }
  | { command: 'hold'; reason: string }
  | { command: 'partial'; reason: string };

export const COMMAND_PREFIX = 'PB:';

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
    case 'HOLD':
      return reason ? { command: 'hold', reason } : null;
    case 'PARTIAL':
      return reason ? { command: 'partial', reason } : null;
    default:
      return null;
  }
}

export const commandBarcode = (c: ScanCommand): string =>
  'reason' in c
    ? `${COMMAND_PREFIX}${c.command.toUpperCase()}:${c.reason}`
    : `${COMMAND_PREFIX}${c.command.toUpperCase()}`;
