export { Shipping, type ShippingContext } from './booking';
export { recordShipmentOutcome, shipmentRequest } from './requests';
export { checkBookedDetails, whyNotRecorded, InvalidCarrierAnswer } from './attention';
export { customsPaperForOrder, declarationFor, problemsOf, problemsText } from './customs';
