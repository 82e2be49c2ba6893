export { Handovers, type HandoverLine, type HandoverScan } from './handovers';
