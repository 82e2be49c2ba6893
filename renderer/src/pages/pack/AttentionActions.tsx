import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../client';
import { PinPad } from '../../components/PinPad';
import { useLeadField } from '../../screen';
import { refusalText } from '../../refusalText';

type Choice = 'rebook' | 'enter';

/** A booking set aside: what happened is in the panel above; here a lead books again or enters the waybill. */
export function AttentionActions({ carrier }: { carrier: string }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [lead, setLead] = useLeadField(choice !== null);
  const [waybillNo, setWaybillNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (pin: string) => {
    const reason = 'carrier-answer-unrecorded';
    const call =
      choice === 'enter'
        ? client.call('box.enterWaybill', { waybillNo, lead, pin, reason })
        : client.call('box.rebook', {
            carrier: carrier as 'pool' | 'kdniao' | 'sf' | 'shipengine',
            lead,
            pin,
            reason,
          });
    call.then(
      () => setChoice(null),
      (err: Error) => setError(refusalText(t, err)),
    );
  };
  return (
    <div className="attention" data-testid="booking-attention">
      <p className="short">{t('pack.attentionHelp')}</p>
      <div className="actions">
        <button type="button" onClick={() => setChoice('rebook')}>
          {t('pack.bookAgain')}
        </button>
        <button type="button" onClick={() => setChoice('enter')}>
          {t('pack.enterWaybill')}
        </button>
      </div>
      {choice && (
        <div
          role="dialog"
          aria-label={t(choice === 'enter' ? 'pack.enterWaybill' : 'pack.bookAgain')}
          className="dialog"
        >
          {choice === 'enter' && (
            <label className="field">
              {t('pack.waybillNo')}
              <input value={waybillNo} onChange={(e) => setWaybillNo(e.target.value)} autoComplete="off" />
            </label>
          )}
          <label className="field">
            {t('pack.lead')}
            <input value={lead} onChange={(e) => setLead(e.target.value)} autoComplete="off" />
          </label>
          <PinPad submitLabel={t('pack.approve')} onSubmit={submit} />
          <button type="button" onClick={() => setChoice(null)}>
            {t('pack.cancel')}
          </button>
          {error && <p role="alert">{error}</p>}
        </div>
      )}
    </div>
  );
}
