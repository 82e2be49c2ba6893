import { createClient, type PackbenchClient } from '../../../shared/contract';
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

/**
 * Sends an import file to the station and returns its upload id: through the Electron bridge, or as a streamed HTTP
 * upload to the headless station (same cookie and Origin rules as /rpc). Large files never ride one RPC message.
 */
export async function uploadFile(file: File): Promise<string> {
  if (window.packbench) {
    if (!window.packbench.upload) throw new Error('this app cannot send files');
    return window.packbench.upload(file.name, await file.arrayBuffer());
  }
  const res = await fetch('/upload', { method: 'POST', body: file, credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as { uploadId?: string; error?: string };
  if (!res.ok || !body.uploadId) throw new Error(body.error ?? `upload failed (${res.status})`);
  return body.uploadId;
}
