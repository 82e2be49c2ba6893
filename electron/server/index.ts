export { startHeadlessServer, isLoopback, type HeadlessOptions, type HeadlessServer } from './server';
export { handleRpcFrame } from './rpc';
export { startHooksServer, signatureOk, HOOK_MAX_BYTES, type HookFeeds, type HooksServer } from './hooks';
