// uPlot line charts over categories (periods, hours of the week). Suppressed values
// are null, which uPlot draws as gaps. uPlot comes from the webjar, loaded on demand so
// that the tables still work if it cannot be loaded.
import {h} from './dom.js';

let uPlotModule = null;

export async function loadUPlot() {
  if (!uPlotModule) uPlotModule = import('/webjars/uplot/dist/uPlot.esm.js').then((m) => m.default);
  return uPlotModule;
}

// Colours with at least 3:1 contrast on white, told apart by dash pattern too.
export const SERIES = [
  {key: 'contacts', stroke: '#1d4f91', dash: []},
  {key: 'answered', stroke: '#1b7a3a', dash: [8, 4]},
  {key: 'abandoned', stroke: '#b3261e', dash: [2, 3]},
];

/**
 * Draws a chart in `container`. labels: the category names (x axis); series: [{label,
 * stroke, dash, values}] with null for a gap. tickEvery: force a tick step (e.g. 24).
 */
export async function lineChart(container, {labels, series, tickEvery, tickLabel}) {
  const uPlot = await loadUPlot();
  const xs = labels.map((_, i) => i);
  const width = () => Math.max(280, container.clientWidth || 600);
  const height = () => (window.innerWidth < 600 ? 220 : 280);
  const axisFont = '12px system-ui, sans-serif';
  const opts = {
    width: width(),
    height: height(),
    scales: {x: {time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)]}, y: {range: (u, min, max) => [0, Math.max(4, max * 1.1)]}},
    axes: [
      {
        font: axisFont,
        stroke: '#333',
        grid: {stroke: '#e3e3e3'},
        splits: (u) => {
          let step = tickEvery;
          if (!step) {
            const fit = Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 72));
            step = Math.max(1, Math.ceil(labels.length / fit));
          }
          const out = [];
          for (let i = 0; i < labels.length; i += step) out.push(i);
          return out;
        },
        values: (u, splits) => splits.map((i) => (tickLabel ? tickLabel(i) : labels[i] ?? '')),
      },
      {font: axisFont, stroke: '#333', grid: {stroke: '#e3e3e3'}, values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? v : ''))},
    ],
    legend: {live: true},
    cursor: {drag: {x: false, y: false}},
    series: [
      {label: '', value: (u, v) => (v === null || v === undefined ? '' : labels[v] ?? '')},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        dash: s.dash,
        width: 2,
        spanGaps: false,
        points: {show: labels.length <= 60, size: 6, fill: '#fff'},
        value: (u, v) => (v === null || v === undefined ? '–' : String(v)),
      })),
    ],
  };
  container.replaceChildren();
  const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)], container);
  const observer = new ResizeObserver(() => {
    if (!container.isConnected) {
      observer.disconnect();
      plot.destroy();
      return;
    }
    const w = width();
    if (Math.abs(w - plot.width) > 4) plot.setSize({width: w, height: height()});
  });
  observer.observe(container);
  return plot;
}

export function chartBox(labelText, testid) {
  return h('div', {class: 'chart', role: 'img', 'aria-label': labelText, 'data-testid': testid});
}
