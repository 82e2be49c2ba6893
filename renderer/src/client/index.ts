import { createClient, type PackbenchClient } from '../../../shared/contract/client';
import { createWsBridge } from './ws';

export type ConnectionListener = (up: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();

/** Electron gives us window.packbench; in a browser the headless station answers on /rpc of this page's host. */
function bridge() {
  if (window.packbench) return window.packbench;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
  return createWsBridge(url, (up) => connectionListeners.forEach((l) => l(up)));
}

export const client: PackbenchClient = createClient(bridge());

export function onConnection(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}
