import type { IpcMainInvokeEvent } from 'electron';
import type { CallOutcome } from '../../shared/contract';
import type { Log } from '../log';

/** The parts of an IPC event the sender check reads (kept narrow so it is testable without Electron). */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/**
 * Only our own page, in the window's main frame, may call the station: not an iframe, not a page the window was
 * navigated to. `isOurUrl` knows the app's URL (file:// of out/renderer, or the dev server).
 */
export function senderProblem(event: SenderEvent, isOurUrl: (url: string) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (frame !== event.sender.mainFrame) return `sender is a sub-frame (${frame.url})`;
  if (!isOurUrl(frame.url)) return `sender URL ${frame.url} is not the app`;
  return null;
}

/**
 * The one helper every IPC method goes through: sender checked, then the contract's own parsing of params and result.
 * Failures come back as an outcome (never a thrown Error, which IPC would flatten) and are logged.
 */
export function makeHandler(
  call: (method: unknown, params: unknown) => Promise<CallOutcome>,
  isOurUrl: (url: string) => boolean,
  log: Log,
) {
  return async (event: SenderEvent, method: unknown, params: unknown): Promise<CallOutcome> => {
    const problem = senderProblem(event, isOurUrl);
    if (problem) {
      log.warn(`ipc refused ${String(method)}: ${problem}`);
      return { ok: false, error: { code: 'refused', message: `refused: ${problem}` } };
    }
    const outcome = await call(method, params);
    if (!outcome.ok)
      log.warn(`ipc ${String(method)} failed: ${outcome.error.message}`, outcome.error.issues ?? '');
    return outcome;
  };
}

/** The Electron side of import uploads: same sender check; the bytes go to the station's upload folder. */
export function makeUploadHandler(
  save: (bytes: Uint8Array) => string,
  isOurUrl: (url: string) => boolean,
  log: Log,
) {
  return async (event: SenderEvent, _fileName: unknown, bytes: unknown): Promise<string> => {
    const problem = senderProblem(event, isOurUrl);
    if (problem) {
      log.warn(`ipc upload refused: ${problem}`);
      throw new Error(`refused: ${problem}`);
    }
    if (!(bytes instanceof ArrayBuffer) && !(bytes instanceof Uint8Array))
      throw new Error("refused: an upload is the file's bytes");
    return save(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  };
}
