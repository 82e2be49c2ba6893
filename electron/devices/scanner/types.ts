/** One scan, whatever scanner read it: the workflow sees only this. */
export interface ScanEvent {
  code: string;
  /** From the AIM identifier, when the scanner sends one (e.g. `gs1-128`). */
  symbology: string | null;
  scanner: string;
  at: Date;
}

export interface ScannerSource {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
}

export const SUFFIX_BYTES = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t', enter: '\r' } as const;
export type Suffix = keyof typeof SUFFIX_BYTES;
