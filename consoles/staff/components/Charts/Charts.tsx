/** One Chart.js chart on a canvas (no inline styles: sizes come from the stylesheet). */
import './Charts.css';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export function ChartView({ config, label, testId }: { config: ChartConfiguration; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div className="chart-box">
        <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
      </div>
    </figure>
  );
}
