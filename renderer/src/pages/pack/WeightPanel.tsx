import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoxView } from '../../../../shared/contract';
import { client } from '../../client';
import { VirtualScaleControl } from '../../components/VirtualScaleControl';
import { useScaleReading } from '../../useScale';
import { expectedRange, grams } from '../../words';

/** Live weight against the expected weight and its tolerance band; the verdict; the box type. */
export function WeightPanel({
  box,
  virtualScale,
  scaleConnected,
}: {
  box: BoxView;
  virtualScale: boolean;
  scaleConnected: boolean;
}) {
  const { t } = useTranslation();
  const latest = useScaleReading();
  // An unplugged scale has no current weight: its last number is not shown as if it were.
  const reading = scaleConnected ? latest : null;
  const [packages, setPackages] = useState<{ code: string; name: string; tareG: number }[]>([]);
  useEffect(() => void client.call('package.list').then(setPackages), []);
  const w = box.weight;
  const live = reading?.grams ?? null;
  const inBand = live !== null && Math.abs(live - w.expectedG) <= w.toleranceG;
  return (
    <section className="weight-panel" aria-label={t('pack.weightPanel')}>
      <div className="weight-live">
        <span className="label">{t('pack.liveWeight')}</span>
        <output
          className={`grams ${live === null ? '' : inBand ? 'in-band' : 'out-band'}`}
          aria-label={t('pack.liveWeight')}
          data-testid="live-weight"
        >
          {live === null ? '—' : grams(t, live)}
        </output>
        <span className={reading?.stable ? 'stable' : 'moving'}>
          {reading ? (reading.stable ? t('pack.stable') : t('pack.moving')) : ''}
        </span>
      </div>
      {!scaleConnected && (
        <p className="verdict verdict-over" role="alert" data-testid="scale-disconnected">
          {t('pack.scaleDisconnected')}
        </p>
      )}
      <div className="weight-expected" data-testid="expected-weight">
        {t('pack.expected')}: {expectedRange(t, w.expectedG, w.toleranceG)}
      </div>
      {w.missingWeights.length > 0 && (
        <p className="short">{t('pack.missingWeights', { skus: w.missingWeights.join(', ') })}</p>
      )}
      {w.verdict && (
        <p className={`verdict verdict-${w.verdict}`} data-testid="weight-verdict">
          {grams(t, w.grams ?? 0)} · {t(`pack.verdict.${w.verdict}`)}
          {w.differenceG !== null && ` (${grams(t, `${w.differenceG > 0 ? '+' : ''}${w.differenceG}`)})`}
          {w.verdict !== 'ok' && !box.weightApproved && <small> — {t('pack.reweigh')}</small>}
        </p>
      )}
      {/* Once the weight is approved the box type is settled: the panel keeps to the weight. */}
      {!box.weightApproved && (
        <label className="field">
          {t('pack.package')}
          <select
            value={box.package?.code ?? ''}
            onChange={(e) => void client.call('box.setPackage', { code: e.target.value })}
            disabled={box.weightApproved}
          >
            <option value="" disabled>
              {box.suggestedPackage
                ? t('pack.suggested', { name: box.suggestedPackage.name })
                : t('pack.noPackage')}
            </option>
            {packages.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name} · {grams(t, p.tareG)}
              </option>
            ))}
          </select>
        </label>
      )}
      {virtualScale && !box.weightApproved && <VirtualScaleControl />}
    </section>
  );
}
