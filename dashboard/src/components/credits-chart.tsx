import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Credits spent per day as bars (uPlot draws on a canvas; the figures are also in the table beside it). */
export function CreditsChart({ days, credits, width }: { days: string[]; credits: number[]; width: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const xs = days.map((d) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width,
        height: 240,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [{}, { label: 'Credits', stroke: '#3858e9', fill: 'rgba(56, 88, 233, 0.35)', paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } }],
        axes: [{}, { label: 'Credits' }],
        legend: { show: false },
      },
      [xs, credits],
      box.current,
    );
    return () => plot.destroy();
  }, [days, credits, width]);
  return <div ref={box} role="img" aria-label={`Credits per day: ${credits.reduce((a, b) => a + b, 0)} in all over ${days.length} days`} />;
}
