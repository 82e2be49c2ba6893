export { startHeadlessServer, isLoopback, type HeadlessOptions, type HeadlessServer } from './server';
export { handleRpcFrame } from './rpc';
