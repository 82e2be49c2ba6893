import { useTranslation } from 'react-i18next';
import type { StationState } from '../../../../shared/contract';
import { client } from '../../client';
import type { StationView } from '../../useStation';
import { BoxPanel } from './BoxPanel';
import { ExceptionActions } from './ExceptionActions';
import { FeedbackBanner } from './FeedbackBanner';
import { LoginPanel } from './LoginPanel';
import { WeightPanel } from './WeightPanel';
import { ShipmentPanel } from './ShipmentPanel';

/** The heading: the station's phase, except a box on the scale out of tolerance is not "put it on the scale". */
function headingOf(state: StationState): string {
  const w = state.box?.weight;
  const off = w?.verdict === 'over' || w?.verdict === 'under' || w?.verdict === 'unknown';
  if (state.phase === 'idle' && state.packing.mode === 'item-first') return 'idleItemFirst';
  if (state.phase === 'weighing' && off && !state.box?.weightApproved) return 'reweigh';
  // An order in several cartons: which carton goes on the scale, how many labels are scanned.
  const several = (state.box?.cartons.length ?? 0) > 0;
  if (several && state.phase === 'weighing') return 'weighCarton';
  if (several && state.phase === 'labelling') return 'labelCartons';
  return state.phase;
}

function headingParams(state: StationState) {
  const cartons = state.box?.cartons ?? [];
  return {
    carton: state.box?.carton ?? 1,
    done: cartons.filter((c) => c.labelScanned).length,
    of: cartons.length,
  };
}

/** The packer's screen, readable from 1.5 m: the next action, the order, its lines, the last scan's verdict. */
export function PackPage({ view }: { view: StationView }) {
  const { t } = useTranslation();
  const state = view.state;
  const packer = state?.packer && (
    <p className="packer">
      {t('pack.packer')}: <strong>{state.packer.name}</strong>{' '}
      <button type="button" onClick={() => void client.call('user.logout')}>
        {t('pack.logout')}
      </button>
    </p>
  );
  return (
    <section aria-labelledby="pack-heading" className="page pack">
      <h1 id="pack-heading" className="visually-hidden">
        {t('pack.heading')}
      </h1>
      <div className="pack-head">
        <p className="next-action" role="status" aria-label={t('pack.nextAction')} data-phase={state?.phase}>
          {state ? t(`pack.phase.${headingOf(state)}`, headingParams(state)) : t('error.loading')}
        </p>
        {/* What the next scan does depends on the mode only while no box is open; an open box goes on alike. */}
        {state && !state.box && (
          <p className="pack-mode" data-testid="pack-mode" data-mode={state.packing.mode}>
            {t('pack.modeHeading')}: <strong>{t(`packMode.${state.packing.mode}`)}</strong>
            {state.packing.wave && (
              <>
                {' · '}
                {t('pack.waveLabel')} <strong className="code">{state.packing.wave}</strong>
              </>
            )}
          </p>
        )}
        {packer}
      </div>
      <FeedbackBanner feedback={state?.feedback ?? null} />
      {state?.phase === 'login' && <LoginPanel />}
      {state?.box ? (
        // Two columns at a bench screen: the order and its lines; the weight, the label and what to do next.
        <div className={state.phase === 'verifying' ? 'pack-grid verifying' : 'pack-grid'}>
          <div className="pack-main">
            <BoxPanel box={state.box} verifying={state.phase === 'verifying'} />
            <ExceptionActions state={state} />
          </div>
          <div className="pack-side">
            {state.phase !== 'verifying' && (
              <WeightPanel
                box={state.box}
                virtualScale={view.info?.scale.protocol === 'virtual'}
                scaleConnected={state.scaleConnected}
              />
            )}
            <ShipmentPanel box={state.box} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
