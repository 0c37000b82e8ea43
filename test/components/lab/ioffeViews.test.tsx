// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import InferenceView, { INFERENCE_CAPTION } from '../../../src/components/lab/views/InferenceView.tsx';
import RegularizationView, { REGULARIZATION_CAPTION } from '../../../src/components/lab/views/RegularizationView.tsx';
import ScaleInvarianceView, { SCALE_INVARIANCE_CAPTION } from '../../../src/components/lab/views/ScaleInvarianceView.tsx';
import { LAB_VIEWS } from '../../../src/components/lab/views.ts';
import { DEFAULT_CONFIG } from '../../../src/experiment/settings.ts';
import { labJobById } from '../../../src/lab/jobs.ts';
import type { InferenceResult } from '../../../src/lab/inference.ts';
import type { RegularizationResult } from '../../../src/lab/regularization.ts';
import type { ScaleInvarianceResult } from '../../../src/lab/scaleInvariance.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

const row = (scale: number, change: number | null) => ({
  scale, maxOutputChange: change, epsilonPrediction: change, maxLogitChange: 0, loss: 2.3, gradientRatio: change === null ? null : 1 / scale,
  expectedRatio: 1 / scale, maxRatioDeviation: 0, belowGradientChange: 0.001, plainMaxOutputChange: Math.abs(scale - 1),
});
const scaleResult: ScaleInvarianceResult = {
  layer: 2, batchSize: 60, epsilon: 1e-5, varianceMin: 2e-4, varianceMedian: 4e-4, rows: [row(0.1, 1.7), row(10, 0.07), row(100, null)],
};

const units = (mean: number | null) => [{
  unit: 0, runningMean: mean, runningVariance: 1, testMean: 0.1, testVariance: 0.9, batchMeans: [0.1, null, 0.3], batchVariances: [0.5, 1, 2],
}];
const inferenceResult: InferenceResult = {
  steps: 1000, layer: 3,
  rows: [
    { batchSize: 2, divergedAt: null, examples: 2000, trainModeAccuracy: 0.19, trainModeLoss: 2.2, inferenceAccuracy: 0.25, inferenceLoss: 2.1, units: units(null) },
    { batchSize: 60, divergedAt: 500, examples: 1980, trainModeAccuracy: null, trainModeLoss: null, inferenceAccuracy: null, inferenceLoss: null, units: units(0) },
  ],
};

const regularizationResult: RegularizationResult = {
  steps: 1000, batchSize: 60, example: 0, label: 7, layer: 3, unit: 0,
  networks: [
    { id: 'plain', divergedAt: null, logits: [1, 1, 1], unitInputs: [2, 2, 2], inferenceLogit: 1, inferenceUnitInput: 2, logitSpread: 0, unitSpread: 0,
      trainAccuracy: 0.14, testAccuracy: 0.13, trainLoss: 2.28, testLoss: 2.29 },
    { id: 'bn', divergedAt: null, logits: [10, 9.8, null], unitInputs: [2.4, 2, 2.3], inferenceLogit: 9.5, inferenceUnitInput: 1.9, logitSpread: 0.1, unitSpread: 0.2,
      trainAccuracy: 0.944, testAccuracy: 0.886, trainLoss: 0.18, testLoss: 0.38 },
  ],
};

afterEach(cleanup);

describe('the views of the paper-claim lab jobs', () => {
  it('registers each job and its view under the same id', () => {
    for (const id of ['scale-invariance', 'inference', 'regularization']) {
      expect(labJobById(id)?.id).toBe(id);
      expect(LAB_VIEWS[id]).toBeDefined();
    }
  });

  it('tables scale invariance measured next to expected, with the honest note on epsilon, and charts the gradient ratio against 1/a', () => {
    const { container } = render(<ScaleInvarianceView result={scaleResult} params={{}} config={DEFAULT_CONFIG} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1].textContent).toBe('0.11.701.7010.010.00.001000.900');
    expect(rows[3].textContent).toContain('–');
    expect(screen.getByText(SCALE_INVARIANCE_CAPTION)).toBeInTheDocument();
    expect(screen.getByText(/only approximate.*median 0.00040/)).toBeInTheDocument();
    const chart = screen.getByRole('img', { name: /Weight gradient at aW/ });
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(chart.querySelectorAll('line[data-tick]')).toHaveLength(3);
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('shows accuracy per mode and batch size, and batch vs population statistics of the chosen unit', () => {
    const { container } = render(<InferenceView result={inferenceResult} params={{}} config={DEFAULT_CONFIG} />);
    expect(screen.getByText(INFERENCE_CAPTION)).toBeInTheDocument();
    const accuracy = screen.getByRole('img', { name: /Test accuracy after 1,000 steps/ });
    expect(accuracy.querySelectorAll('circle')).toHaveLength(2);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('219.0%25.0%2.202.102000');
    expect(rows[2].textContent).toContain('diverged at step 500');
    const means = screen.getByRole('img', { name: 'Batch mean vs population mean' });
    expect(means.querySelectorAll('circle')).toHaveLength(4);
    expect(means.querySelectorAll('line[data-tick]')).toHaveLength(3);
    fireEvent.change(screen.getByLabelText(/BN input of hidden layer 3, unit/), { target: { value: '0' } });
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('draws the example\'s outputs as one strip per network and the train/test gap', () => {
    const { container } = render(<RegularizationView result={regularizationResult} params={{}} config={DEFAULT_CONFIG} />);
    expect(screen.getByText(REGULARIZATION_CAPTION)).toBeInTheDocument();
    const logits = screen.getByRole('img', { name: /logit of its class/ });
    expect(logits.querySelectorAll('g[data-series="plain"] circle')).toHaveLength(3);
    expect(logits.querySelectorAll('g[data-series="bn"] circle')).toHaveLength(2);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('Without BN014.0%13.0%1.0%2.282.290.0100');
    expect(rows[2].textContent).toBe('With BN0.10094.4%88.6%5.8%0.1800.3800.200');
    expect(attributesFreeOfNaN(container)).toBe(true);
  });
});
