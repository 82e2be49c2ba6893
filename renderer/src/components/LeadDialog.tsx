import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeadField } from '../screen';
import { PinPad } from './PinPad';
import { refusalText } from '../refusalText';

/**
 * A dialog a shift lead approves: their name or badge (a badge scanned at the bench fills it) and PIN. A refusal is
 * shown in the dialog; success closes it.
 */
export function LeadDialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: (lead: string, pin: string) => Promise<unknown>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [lead, setLead] = useLeadField(true);
  const [error, setError] = useState<Error | null>(null);
  return (
    <div role="dialog" aria-label={props.title} className="dialog lead">
      <h3>{props.title}</h3>
      {error && <p role="alert">{refusalText(t, error)}</p>}
      <div>
        {props.children}
        <label className="field">
          {t('pack.lead')}
          <input value={lead} onChange={(e) => setLead(e.target.value)} autoComplete="off" />
        </label>
        <button type="button" onClick={props.onClose}>
          {t('pack.cancel')}
        </button>
      </div>
      <PinPad
        submitLabel={props.submitLabel}
        onSubmit={(pin) =>
          props.onSubmit(lead, pin).then(
            () => props.onClose(),
            (e: Error) => setError(e),
          )
        }
      />
    </div>
  );
}
