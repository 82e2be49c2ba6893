import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feedback } from '../../../../shared/contract';
import { feedbackText } from '../../feedbackText';
import { playTone } from '../../sounds';

/** The last scan's verdict, in one colour and one sound per result. */
export function FeedbackBanner({ feedback }: { feedback: Feedback | null }) {
  const { t, i18n } = useTranslation();
  const id = feedback?.id;
  useEffect(() => {
    if (feedback) playTone(feedback.tone);
    // Each feedback id sounds once.
  }, [id]);
  if (!feedback) return <div className="feedback tone-none" aria-live="assertive" />;
  return (
    <div
      className={`feedback tone-${feedback.tone}`}
      data-tone={feedback.tone}
      data-feedback-id={feedback.id}
      role="alert"
      aria-live="assertive"
    >
      <span className="feedback-text">{feedbackText(t, i18n.language, feedback)}</span>
      {feedback.code && <code className="feedback-code">{feedback.code}</code>}
    </div>
  );
}
