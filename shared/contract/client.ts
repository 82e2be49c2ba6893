import { ContractError, type CallOutcome } from './errors';
import type { EventName, EventPayload, MethodName, Params, Result } from './methods';

/** What a transport offers: the preload bridge in Electron, the WebSocket client in a browser. */
export interface PackbenchBridge {
  call(method: string, params?: unknown): Promise<CallOutcome>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Electron only: hands an import file to the station, returns its upload id (see `import.file`). */
  upload?(fileName: string, bytes: ArrayBuffer): Promise<string>;
}

/** The one client interface the view uses. */
export interface PackbenchClient {
  call<M extends MethodName>(method: M, params?: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: PackbenchBridge): PackbenchClient {
  return {
    async call(method, params) {
      const outcome = await bridge.call(method, params);
      if (!outcome.ok)
        throw new ContractError(
          outcome.error.code,
          outcome.error.message,
          outcome.error.issues,
          outcome.error.reason,
        );
      return outcome.result as never;
    },
    on(event, listener) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}
