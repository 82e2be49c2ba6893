// Plain constants, no zod: the sandboxed preload imports this file alone.
export const IPC_CALL = 'packbench:call';
export const IPC_EVENT = 'packbench:event';
export const IPC_UPLOAD = 'packbench:upload';
