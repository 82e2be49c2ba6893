import type { PackbenchBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Present inside Electron (preload); absent in a browser, which uses the WebSocket bridge. */
    packbench?: PackbenchBridge;
  }
}
