export { parsePrinterUri, type PrinterTarget } from './uri';
export { sendBytes, queryBytes } from './transport';
export {
  printerStatus,
  parseEscposStatus,
  parseZplStatus,
  parseTsplStatus,
  ESCPOS_STATUS_QUERY,
  ZPL_STATUS_QUERY,
  TSPL_STATUS_QUERY,
  type PrinterStatus,
  type PrinterCondition,
  type PrinterLanguage,
  REPORTS,
} from './status';
export { CapturePrinter, type CapturedJob } from './capture';
export {
  PrintQueue,
  type PrinterRole,
  type QueuedJob,
  type PrintJobStore,
  type StoredPrintJob,
  type PrintJobStatus,
  type QueueHooks,
} from './queue';
