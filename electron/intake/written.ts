import type { OrderImport, ProductImport } from '../store';

/** What an import committed, for whoever keeps a second copy (the warehouse, in warehouse mode). */
export type Written = (w: { orders?: OrderImport[]; products?: ProductImport[] }) => void;
