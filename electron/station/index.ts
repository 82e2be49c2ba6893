export { Station, type StationOptions } from './station';
export { recordShipmentOutcome, shipmentRequest } from './shipments';
export { checkBookedDetails, whyNotRecorded } from './attention';
export { Handovers } from './handover';
export { UPLOAD_LIMIT_BYTES, UploadTooLargeError, Uploads } from './uploads';
