export { routeScan, type ScanRoute, type RouterView } from './router';
export { scanAtEdge } from './edge';
export { beep } from './beep';
