export { phrasebook, type Phrasebook, type PhraseParams } from './phrasebook';
export {
  MISMATCH_PHRASES,
  CHOICE_PHRASES,
  CUSTOMS_PHRASES,
  type MismatchPhrase,
  type ChoicePhrase,
} from './phrases';
export { carrierDisplayName, type CarrierLanguage } from './carriers';
export { localStamp } from './time';
