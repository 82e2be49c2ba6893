import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day typed as 2026-11-30, the same on every bench: a browser's own date field shows the format of the PC's
 * language (mm/dd/yyyy on an English Windows) whatever language the page is in. The filter takes a day once it is
 * whole and real; an empty field means any day.
 */
export function DayField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const valid = text === '' || (DAY.test(text) && !Number.isNaN(Date.parse(text)));
  return (
    <label>
      {label}{' '}
      <input
        type="text"
        inputMode="numeric"
        size={10}
        maxLength={10}
        placeholder={t('mismatches.dayFormat')}
        aria-invalid={!valid}
        value={text}
        onChange={(e) => {
          const v = e.target.value.trim();
          setText(v);
          if (v === '' || (DAY.test(v) && !Number.isNaN(Date.parse(v)))) onChange(v);
        }}
      />
    </label>
  );
}
