export { ScaleWatch } from './watch';
