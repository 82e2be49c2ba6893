import { ContractError, type CallOutcome } from './errors';
import { describeIssues } from './issues';
import { isMethodName, methods, type MethodName, type ParsedParams, type Result } from './methods';

export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>) => Result<M> | Promise<Result<M>>;
};

/**
 * The one way a method runs, whatever the transport: name checked, params parsed, handler run, result parsed.
 * Errors come back as an outcome, never thrown, so a bad call can't take the station down.
 */
export async function invoke(handlers: Handlers, method: unknown, rawParams: unknown): Promise<CallOutcome> {
  try {
    if (typeof method !== 'string' || !isMethodName(method)) {
      throw new ContractError('unknown-method', `unknown method ${JSON.stringify(method)}`);
    }
    const spec = methods[method];
    const params = spec.params.safeParse(rawParams ?? undefined);
    if (!params.success) {
      throw new ContractError('bad-params', `bad params for ${method}`, describeIssues(params.error));
    }
    const handler = handlers[method] as (p: unknown) => unknown;
    const raw = await handler(params.data);
    const result = spec.result.safeParse(raw);
    if (!result.success) {
      throw new ContractError(
        'bad-result',
        `${method} produced a malformed result`,
        describeIssues(result.error),
      );
    }
    return { ok: true, result: result.data };
  } catch (err) {
    if (err instanceof ContractError) return { ok: false, error: err.toShape() };
    return {
      ok: false,
      error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
    };
  }
}
