import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// The sandboxed preload bundles the channel names alone, not the contract's schemas: the one door left ajar.
// eslint-disable-next-line house/doors
import { IPC_CALL, IPC_EVENT, IPC_UPLOAD } from '../../shared/contract/channels';

// The whole surface the page gets: call a contract method, listen to a pushed event. Main validates everything.
contextBridge.exposeInMainWorld('packbench', {
  call: (method: string, params?: unknown) => ipcRenderer.invoke(IPC_CALL, method, params),
  upload: (fileName: string, bytes: ArrayBuffer) => ipcRenderer.invoke(IPC_UPLOAD, fileName, bytes),
  on: (event: string, listener: (payload: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
});
