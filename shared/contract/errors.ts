/** Why a call failed, in words both transports carry unchanged. */
export type ContractErrorCode = 'unknown-method' | 'bad-params' | 'bad-result' | 'refused' | 'internal';

export interface ContractErrorShape {
  code: ContractErrorCode;
  message: string;
  /** For bad params: one line per problem, `path: message`. */
  issues?: string[];
}

export class ContractError extends Error implements ContractErrorShape {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'ContractError';
  }
  toShape(): ContractErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** What a raw transport (IPC or WebSocket) hands back for one call. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };
