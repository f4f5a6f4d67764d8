import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DatasetEvaluation } from './evaluation-report.js';

/** The reliability panel shows the trained model part-way into the session, where the decision matters. */
const RELIABILITY_SCORER = 'model';
const RELIABILITY_CLICK = 5;
const PANEL_WIDTH = 240;
const PANEL_HEIGHT = 180;

/** One panel of a concatenation, reached through the public `TopLevelSpec` (vega-lite exports no name for it). */
type PanelSpec = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/**
 * A standalone SVG comparing scorers across data sets: for each data set a row titled
 * `dataset — split`, with ROC-AUC by click and PR-AUC by click (one line per scorer) and the
 * reliability curve of the `model` scorer at click 5 (mean score against purchase rate per non-empty
 * bin, with the diagonal of perfect calibration). Scorers have the same colour in every panel.
 * Undefined figures (NaN: no purchase at a click) leave a gap in the line, as vega skips them. Built
 * with vega-lite and rendered headless by vega, so it needs no browser or canvas.
 *
 * @throws RangeError when `evaluations` is empty.
 * @example
 * await writeFile('evaluation.svg', await renderEvaluationChart([rees46, retailrocket]));
 */
export async function renderEvaluationChart(evaluations: DatasetEvaluation[]): Promise<string> {
  if (evaluations.length === 0) {
    throw new RangeError('evaluations is empty; pass at least one data set to chart');
  }
  const spec: TopLevelSpec = {
    vconcat: evaluations.map((evaluation) => ({
      title: { text: `${evaluation.dataset} — ${evaluation.split}`, anchor: 'start', fontSize: 14 },
      hconcat: [
        metricByClickPanel(evaluation, 'rocAuc', 'ROC-AUC'),
        metricByClickPanel(evaluation, 'prAuc', 'PR-AUC'),
        reliabilityPanel(evaluation),
      ],
    })),
    spacing: 30,
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function metricByClickPanel(evaluation: DatasetEvaluation, metric: 'rocAuc' | 'prAuc', label: string): PanelSpec {
  const values = evaluation.clicks.flatMap((click) =>
    Object.entries(click.scorers).map(([scorer, metrics]) => ({ click: click.click, scorer, value: metrics[metric] })),
  );
  return {
    title: `${label} by click`,
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'click', type: 'quantitative', axis: { tickMinStep: 1 }, title: 'click' },
      // ROC-AUC lives around 0.5–1, so a zero baseline would flatten the differences; PR-AUC starts near
      // the purchase rate and keeps its zero so a small absolute gain is not drawn as a large one.
      y: { field: 'value', type: 'quantitative', title: label, scale: { zero: metric === 'prAuc' } },
      color: { field: 'scorer', type: 'nominal', title: 'scorer' },
    },
  };
}

function reliabilityPanel(evaluation: DatasetEvaluation): PanelSpec {
  const bins = evaluation.clicks.find((click) => click.click === RELIABILITY_CLICK)?.scorers[RELIABILITY_SCORER]?.reliability;
  const title = `Reliability: ${RELIABILITY_SCORER} at click ${RELIABILITY_CLICK}`;
  return {
    title: bins ? title : `${title} (no predictions)`,
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    encoding: {
      x: { field: 'meanScore', type: 'quantitative', scale: { domain: [0, 1] }, title: 'mean score' },
      y: { field: 'positiveRate', type: 'quantitative', scale: { domain: [0, 1] }, title: 'purchase rate' },
    },
    layer: [
      {
        data: { values: [{ meanScore: 0, positiveRate: 0 }, { meanScore: 1, positiveRate: 1 }] },
        mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
      },
      ...(bins
        ? [{
            data: { values: bins },
            mark: { type: 'line', point: true },
            // A datum on the shared colour scale draws the curve in the model's colour from the other panels.
            encoding: { color: { datum: RELIABILITY_SCORER, type: 'nominal', title: 'scorer' } },
          } as const]
        : []),
    ],
  };
}
