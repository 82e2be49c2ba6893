import { phrasebook } from './phrasebook';

/**
 * What the station writes into a mismatch row (expected, actual, resolution). Stored in English (the database, the
 * export, the command line); every screen reads it back by kind and words it (renderer i18n `phrase.<kind>`).
 */
export const MISMATCH_PHRASES = phrasebook({
  'weight-in-tolerance': 'weight in tolerance',
  'weight-approved': 'weight approved by a lead',
  'override-by': 'override by {lead}: {reason}',
  'override-by-comment': 'override by {lead}: {reason} — {comment}',
  'all-items': 'all items',
  'approved-without': 'approved without them',
  'back-ordered': 'back-ordered',
  'partial-reason': 'partial: {reason}',
  'weight-range': '{expected} g ± {tolerance} g',
  'weight-no-unit': 'no unit weight for {skus}',
  'weight-actual': '{actual} g ({difference} g)',
  'nothing-left': '(nothing left)',
  'a-barcode': 'a barcode of this order',
  'not-expired': 'not expired',
  expiry: 'expiry {date}',
  'serial-new': 'a serial not shipped before',
  'not-shipped': 'not shipped ({reason})',
  'intercept-shelf': 'waybill voided: to the intercept shelf',
  'intercept-void-failed':
    'the carrier did not void the waybill ({detail}): to the intercept shelf, call the carrier',
  'intercept-after-handover': 'intercept after handover: call the carrier',
});

/** Why a carrier was chosen (or none could be): stored with the booking, worded by the screens like the above. */
export const CHOICE_PHRASES = phrasebook({
  'no-price-table': 'no price table',
  'not-serving': 'does not serve {province}',
  'no-cod': 'no cash on delivery',
  'over-weight': 'over {grams} g',
  'under-weight': 'under {grams} g',
  remote: '{province} is remote',
  'platform-requires': 'platform requires {carrier}',
  'platform-requires-missing': 'platform requires {carrier}, which is not set up at this bench',
  'shop-ships': 'shop {shop} ships with {carrier}',
  'no-carrier': 'no carrier can take this box',
  'carrier-why': '{carrier}: {why}',
  'default-carrier': 'default carrier (no price tables)',
  cheapest: 'cheapest: ¥{price} for {kg} kg',
  'cheapest-vs': 'cheapest: ¥{price} for {kg} kg (vs {others})',
});

export type MismatchPhrase = (typeof MISMATCH_PHRASES.kinds)[number];
export type ChoicePhrase = (typeof CHOICE_PHRASES.kinds)[number];
