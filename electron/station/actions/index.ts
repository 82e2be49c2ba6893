export { setVirtualWeight, zeroScale, tareScale } from './scale';
export { bookBox, rebookBox, enterWaybill } from './booking';
export { approveOverride, releaseOrder, resolveMismatch } from './leads';
export { importUpload, exportMismatches } from './files';
export { warehouseBoard, releaseBench, updateRule } from './warehouse';
export { inventory, detectScale, readScale, testPrint, saveDevices } from './setup';
export { customsDeclaration, fixCustoms } from './customs';
