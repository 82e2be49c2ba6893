import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feedback } from '../../../../shared/contract';
import { playTone } from '../../sounds';

/** The last scan's verdict, in one colour and one sound per result. */
export function FeedbackBanner({ feedback }: { feedback: Feedback | null }) {
  const { t } = useTranslation();
  const id = feedback?.id;
  useEffect(() => {
    if (feedback) playTone(feedback.tone);
    // Each feedback id sounds once.
  }, [id]);
  if (!feedback) return <div className="feedback tone-none" aria-live="assertive" />;
  const params = Object.fromEntries(
    Object.entries(feedback.params).map(([k, v]) => [
      k,
      typeof v === 'string' && k === 'reason' ? t(`reasons.${v}`, { defaultValue: v }) : v,
    ]),
  );
  return (
    <div
      className={`feedback tone-${feedback.tone}`}
      data-tone={feedback.tone}
      data-feedback-id={feedback.id}
      role="alert"
      aria-live="assertive"
    >
      <span className="feedback-text">{t(`feedback.${feedback.kind}`, params)}</span>
      {feedback.code && <code className="feedback-code">{feedback.code}</code>}
    </div>
  );
}
