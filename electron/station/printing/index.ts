export { faceSheetFor, type ShipmentForLabel } from './faceSheet';
export { labelJob, slipJob, type CartonOnLabel } from './jobs';
export { customsJobs, customsPaperOf } from './customs';
export {
  printManifest,
  printTest,
  reprint,
  printerDeviceState,
  resolveFileUri,
  type PrintDesk,
} from './operations';
export { createPrintQueue } from './queue';
