/** Why a call failed, in words both transports carry unchanged. */
export type ContractErrorCode = 'unknown-method' | 'bad-params' | 'bad-result' | 'refused' | 'internal';

export interface ContractErrorShape {
  code: ContractErrorCode;
  message: string;
  /** For bad params: one line per problem, `path: message`. */
  issues?: string[];
  /** For a refusal: what the screens word in the bench's language (shared/contract/refusals.ts). */
  reason?: { kind: string; params: Record<string, string | number> };
}

export class ContractError extends Error implements ContractErrorShape {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly issues?: string[],
    readonly reason?: { kind: string; params: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'ContractError';
  }
  toShape(): ContractErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

/** What a raw transport (IPC or WebSocket) hands back for one call. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };
