import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, isAllowedChannel, VERSION_ARG, type CctvDesktopApi } from '../shared/ipc';

// Sandboxed preload: exposes one small typed object, and only the channels listed in shared/ipc.ts.

function invoke(channel: string): Promise<unknown> {
  if (!isAllowedChannel(channel)) return Promise.reject(new Error(`unknown channel: ${channel}`));
  return ipcRenderer.invoke(channel);
}

const versionArg = process.argv.find((a) => a.startsWith(VERSION_ARG));

const api: CctvDesktopApi = {
  version: versionArg ? versionArg.slice(VERSION_ARG.length) : 'unknown',
  platform: process.platform,
  openWallWindow: async () => {
    await invoke(IPC_CHANNELS.openWallWindow);
  },
};

contextBridge.exposeInMainWorld('cctvDesktop', Object.freeze(api));
