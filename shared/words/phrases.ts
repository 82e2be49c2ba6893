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

/** Why a declaration cannot go to the carrier (跨境): stored with the refusal, worded by the screens like the above. */
export const CUSTOMS_PHRASES = phrasebook({
  'customs-country': 'destination country {country} is not an ISO country code',
  'customs-carrier': '{carrier} does not ship abroad',
  'customs-hs-missing': '{sku} has no HS code',
  'customs-hs-malformed': '{sku}: HS code {hs} is not 6 to 10 digits',
  'customs-description': '{sku} has no English customs description',
  'customs-origin': '{sku}: country of origin {origin} is not an ISO country code',
  'customs-value': '{sku} has no declared value above 0',
  'customs-currency': '{sku}: currency {currency} is not an ISO currency code',
  'customs-currencies': 'the lines are declared in several currencies ({currencies})',
  'customs-incoterm': 'incoterm {incoterm} is neither DDU nor DDP',
  'customs-net-over-gross': 'declared net weight {net} g is above the {gross} g on the scale',
  'customs-no-rate': 'no SDR rate for {currency} (customs.sdrRates)',
  'customs-cn22-limit': '{sdr} SDR is over the CN22 limit of {limit}: {carrier} takes no CN23',
  'customs-dangerous': '{sku} is dangerous goods ({un}): {carrier} does not take it',
});

export type MismatchPhrase = (typeof MISMATCH_PHRASES.kinds)[number];
export type ChoicePhrase = (typeof CHOICE_PHRASES.kinds)[number];
