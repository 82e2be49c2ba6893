export { allMismatches, mismatchesCsv, mismatchesXlsx } from './mismatches';
