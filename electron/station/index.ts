export { Station, type StationOptions } from './station';
export { recordShipmentOutcome, shipmentRequest } from './shipping';
export { checkBookedDetails, whyNotRecorded } from './shipping';
export { Handovers, WarehouseHandovers, type Dock, type HandoverScan } from './handover';
export { UPLOAD_LIMIT_BYTES, UploadTooLargeError, Uploads } from './uploads';
export { faceSheetFor } from './printing';
export { deliver, retryDelayMs } from './notices';
export { seedHistory, type SeedPlan } from './seed';
