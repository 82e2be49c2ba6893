import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationState } from '../../../../shared/contract';
import { client } from '../../client';
import { PinPad } from '../../components/PinPad';
import { useLeadField } from '../../screen';
import { refusalText } from '../../refusalText';

type Dialog = null | 'hold' | 'partial' | 'override';

/** Undo, set aside, partial shipment and the lead's override (PIN + reason code). */
export function ExceptionActions({ state }: { state: StationState }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [lead, setLead] = useLeadField(dialog === 'override');
  const [error, setError] = useState<Error | null>(null);
  const box = state.box;
  if (!box) return null;
  const open = (d: Dialog) => {
    setDialog(d);
    setReason(d ? state.reasons[d][0]! : '');
    setError(null);
  };
  const done = (p: Promise<unknown>) =>
    p.then(
      () => open(null),
      (err: Error) => setError(err),
    );
  // A sealed carton on its way to the scale is not verifying: its weight is what a lead may approve.
  const verifying = state.phase === 'verifying';
  const overridable =
    verifying || (!box.weightApproved && box.weight.verdict !== null && box.weight.verdict !== 'ok');
  return (
    <div className="actions">
      {/* Only what applies to this step: a packer reads four buttons less while a label is waiting. */}
      {box.canUndo && (
        <button type="button" onClick={() => void client.call('box.undo')}>
          {t('pack.undo')}
        </button>
      )}
      {box.canNewCarton && (
        <button type="button" data-testid="new-carton" onClick={() => void client.call('box.newCarton')}>
          {t('pack.newCarton')}
        </button>
      )}
      <button type="button" onClick={() => open('hold')}>
        {t('pack.hold')}
      </button>
      {verifying && (
        <button type="button" onClick={() => open('partial')}>
          {t('pack.partial')}
        </button>
      )}
      {overridable && (
        <button type="button" onClick={() => open('override')}>
          {t('pack.override')}
        </button>
      )}
      {dialog && (
        <div
          role="dialog"
          aria-label={t(`pack.${dialog}`)}
          className={dialog === 'override' ? 'dialog lead' : 'dialog'}
        >
          <h3>{t(`pack.${dialog}`)}</h3>
          {error && <p role="alert">{refusalText(t, error)}</p>}
          <div>
            <label className="field">
              {t('pack.reason')}
              <select value={reason} onChange={(e) => setReason(e.target.value)}>
                {state.reasons[dialog].map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`, { defaultValue: r })}
                  </option>
                ))}
              </select>
            </label>
            {dialog === 'override' ? (
              <label className="field">
                {t('pack.lead')}
                <input value={lead} onChange={(e) => setLead(e.target.value)} autoComplete="off" />
              </label>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => done(client.call(dialog === 'hold' ? 'box.hold' : 'box.partial', { reason }))}
              >
                {t(`pack.${dialog}`)}
              </button>
            )}{' '}
            <button type="button" onClick={() => open(null)}>
              {t('pack.cancel')}
            </button>
          </div>
          {dialog === 'override' && (
            <PinPad
              submitLabel={t('pack.approve')}
              onSubmit={(pin) => done(client.call('override.approve', { lead, pin, reasonCode: reason }))}
            />
          )}
        </div>
      )}
    </div>
  );
}
