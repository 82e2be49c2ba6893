import { Chart, BarController, BarElement, CategoryScale, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
// The bundled font, so Chinese labels on the charts never show as boxes.
Chart.defaults.font.family = "'Noto Sans SC', 'Microsoft YaHei', system-ui, sans-serif";

type Stats = Awaited<ReturnType<typeof loadStats>>;
const loadStats = (from?: string, to?: string) =>
  client.call('mismatch.stats', { ...(from ? { from } : {}), ...(to ? { to } : {}) });
const COLORS = ['#2e90fa', '#f79009', '#d92d20', '#12b76a', '#7a5af8', '#ee46bc', '#667085'];

function useBarChart(
  canvas: React.RefObject<HTMLCanvasElement | null>,
  config: () => ConstructorParameters<typeof Chart>[1] | null,
  deps: unknown[],
) {
  useEffect(() => {
    const c = config();
    if (!canvas.current || !c) return;
    const chart = new Chart(canvas.current, c);
    return () => chart.destroy();
  }, deps);
}

/** Who makes which mistakes, on which SKUs, and how far off the weights are. */
export function MismatchCharts({
  from,
  to,
  revision,
}: {
  from: string;
  to: string;
  revision: number | undefined;
}) {
  const { t } = useTranslation();
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => void loadStats(from || undefined, to || undefined).then(setStats), [from, to, revision]);
  const perPacker = useRef<HTMLCanvasElement>(null);
  const topSkus = useRef<HTMLCanvasElement>(null);
  const deviation = useRef<HTMLCanvasElement>(null);
  const base = { animation: false as const, responsive: true, maintainAspectRatio: false };
  useBarChart(perPacker, () => {
    if (!stats) return null;
    const days = [...new Set(stats.perPackerDay.map((r) => r.day))];
    const packers = [...new Set(stats.perPackerDay.map((r) => r.packer))];
    return {
      type: 'bar',
      data: {
        labels: days,
        datasets: packers.map((p, i) => ({
          label: p,
          backgroundColor: COLORS[i % COLORS.length],
          data: days.map((d) => stats.perPackerDay.find((r) => r.day === d && r.packer === p)?.count ?? 0),
        })),
      },
      options: {
        ...base,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
  }, [stats]);
  useBarChart(
    topSkus,
    () =>
      stats
        ? {
            type: 'bar',
            data: {
              labels: stats.topSkus.map((s) => s.sku),
              datasets: [
                {
                  label: t('mismatches.count'),
                  backgroundColor: '#d92d20',
                  data: stats.topSkus.map((s) => s.count),
                },
              ],
            },
            options: { ...base, indexAxis: 'y' },
          }
        : null,
    [stats],
  );
  useBarChart(
    deviation,
    () =>
      stats
        ? {
            type: 'bar',
            data: {
              labels: stats.weightDeviation.map((b) => `${b.bucketG > 0 ? '+' : ''}${b.bucketG}`),
              datasets: [
                {
                  label: t('mismatches.boxes'),
                  backgroundColor: '#2e90fa',
                  data: stats.weightDeviation.map((b) => b.count),
                },
              ],
            },
            options: base,
          }
        : null,
    [stats],
  );
  return (
    <div className="charts">
      <figure>
        <figcaption>{t('mismatches.chartPerPacker')}</figcaption>
        <div className="chart-box">
          <canvas ref={perPacker} role="img" aria-label={t('mismatches.chartPerPacker')} />
        </div>
      </figure>
      <figure>
        <figcaption>{t('mismatches.chartTopSkus')}</figcaption>
        <div className="chart-box">
          <canvas ref={topSkus} role="img" aria-label={t('mismatches.chartTopSkus')} />
        </div>
      </figure>
      <figure>
        <figcaption>{t('mismatches.chartDeviation')}</figcaption>
        <div className="chart-box">
          <canvas ref={deviation} role="img" aria-label={t('mismatches.chartDeviation')} />
        </div>
      </figure>
    </div>
  );
}
