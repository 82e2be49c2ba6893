export {
  mismatchesCsv,
  mismatchesXlsx,
  writeMismatchesCsv,
  writeMismatchesXlsx,
} from './mismatches';
