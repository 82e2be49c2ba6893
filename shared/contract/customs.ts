import { z } from 'zod';
import { Feedback } from './pack';

const Pin = z.string().regex(/^\d{4,8}$/, { message: 'PIN: 4–8 digits' });
const code = (n: number, what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(new RegExp(`^[A-Z]{${n}}$`), { message: `${what}: ${n} letters` })
    .nullable();

/** One line of an order abroad as a lead sees and fixes it: the product's customs data and the line's value. */
export const CustomsLine = z.strictObject({
  sku: z.string().min(1).max(64),
  hsCode: z.string().trim().max(20).nullable(),
  nameEn: z.string().trim().max(200).nullable(),
  nameZh: z.string().trim().max(200).nullable(),
  originCountry: code(2, 'country of origin'),
  dangerousGoods: z.string().trim().max(20).nullable(),
  /** Declared unit value in the currency's units (12.50). */
  value: z.number().min(0).max(10_000_000).nullable(),
  currency: code(3, 'currency'),
});

const CustomsOrder = z.strictObject({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { message: 'country: 2 letters' }),
  incoterm: z.enum(['DDU', 'DDP']).nullable(),
  buyerTaxId: z.string().trim().max(40).nullable(),
  ioss: z.string().trim().max(20).nullable(),
});

/** 跨境 at the bench: an order's declaration as it stands, and a lead's fix of it. */
export const customsMethods = {
  /** An order abroad as declared now, with what blocks it (English phrases joined by "; ", worded by the screens). */
  'customs.declaration': {
    params: z.strictObject({ orderNo: z.string().min(1).max(64) }),
    // As the data stands, wrong codes included: showing them is how a lead finds them.
    result: z.strictObject({
      orderNo: z.string(),
      country: z.string(),
      incoterm: z.string().nullable(),
      buyerTaxId: z.string().nullable(),
      ioss: z.string().nullable(),
      lines: z.array(
        z.strictObject({
          sku: z.string(),
          name: z.string(),
          qty: z.number().int(),
          hsCode: z.string().nullable(),
          nameEn: z.string().nullable(),
          nameZh: z.string().nullable(),
          originCountry: z.string().nullable(),
          dangerousGoods: z.string().nullable(),
          value: z.number().nullable(),
          currency: z.string().nullable(),
        }),
      ),
      problems: z.string(),
    }),
  },
  /**
   * A lead fixes an order's declaration (PIN, audited): the products' customs data and the order's, written together;
   * the open box of that order is booked again at once.
   */
  'customs.fix': {
    params: CustomsOrder.extend({
      orderNo: z.string().min(1).max(64),
      lines: z.array(CustomsLine).min(1).max(500),
      lead: z.string().min(1).max(64),
      pin: Pin,
    }),
    result: Feedback,
  },
} as const;
