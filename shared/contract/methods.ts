import { z } from 'zod';
import { StationInfo, StationState, DeviceStatus } from './station';

const NoParams = z.strictObject({}).optional();

/** Every method the view may call, `domain.verb`, with the schema of its params and of its result. */
export const methods = {
  'station.info': { params: NoParams, result: StationInfo },
  'station.getState': { params: NoParams, result: StationState },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

/** Every event the station pushes to its views. */
export const events = {
  'station.state': StationState,
  'device.status': DeviceStatus,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
