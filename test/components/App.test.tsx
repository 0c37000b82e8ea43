// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/components/App.tsx';
import { PRESETS } from '../../src/experiment/presets.ts';
import { splitSummary } from '../../src/components/presetSummary.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from './storeSpies.ts';
import { attributesFreeOfNaN, makeHistory, makeNetwork } from '../charts/fixtures.ts';


function threeLayerHistory() {
  const plain = makeNetwork('plain', [0, 100, 200]);
  const bn = makeNetwork('bn', [0, 100, 200]);
  for (const n of [plain, bn]) n.layers.push({ ...n.layers[0] });
  return makeHistory([plain, bn]);
}

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
});
afterEach(cleanup);

describe('App', () => {
  it('offers Pause while running and Play while paused, wired to the store', () => {
    const actions = setStore({ runState: 'running' });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(actions.pause).toHaveBeenCalledOnce();
    act(() => useExperimentStore.setState({ runState: 'paused' }));
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(actions.play).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    expect(actions.step).toHaveBeenCalledWith(10);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(actions.reset).toHaveBeenCalledOnce();
  });

  it('shows the step with thousands separators and follows it without re-rendering', async () => {
    setStore({ runState: 'running', step: 12340 });
    render(<App />);
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 12,340');
    act(() => useExperimentStore.setState({ step: 20000 }));
    await waitFor(() => expect(screen.getByTestId('step-counter')).toHaveTextContent('step 20,000'));
  });

  it('draws one named chart per hidden layer for both networks, with no NaN', async () => {
    setStore({ runState: 'running', history: threeLayerHistory() });
    const { container } = render(<App />);
    for (const net of ['Without BN', 'With BN']) {
      for (const layer of [1, 2, 3]) {
        expect(screen.getByRole('img', { name: `${net}, hidden layer ${layer}: input distribution over training` })).toBeInTheDocument();
      }
    }
    expect(screen.getByRole('img', { name: /Figure 1 \(a\)/ })).toBeInTheDocument();
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('picks up a new history on the next frame', async () => {
    setStore({ runState: 'running', history: null });
    render(<App />);
    expect(screen.queryByRole('img', { name: /hidden layer 1/ })).toBeNull();
    act(() => useExperimentStore.setState({ history: threeLayerHistory() }));
    expect(await screen.findByRole('img', { name: 'With BN, hidden layer 3: input distribution over training' })).toBeInTheDocument();
  });

  it('says which network diverged', () => {
    const h = threeLayerHistory();
    h.networks[0].status = { type: 'diverged', step: 4200, reason: 'loss NaN' };
    setStore({ runState: 'running', history: h });
    render(<App />);
    expect(screen.getByTestId('run-state')).toHaveTextContent('Without BN diverged at step 4,200');
  });

  it('commits a typed batch size on Enter, not on every keystroke', () => {
    const actions = setStore();
    render(<App />);
    const input = screen.getAllByLabelText(/batch size/i)[0];
    fireEvent.change(input, { target: { value: '32' } });
    expect(actions.setSetting).not.toHaveBeenCalled();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.setSetting).toHaveBeenCalledWith('batchSize', 32);
  });

  it('ignores an out-of-range typed value and marks it invalid', () => {
    const actions = setStore();
    render(<App />);
    const input = screen.getAllByLabelText(/batch size/i)[0];
    fireEvent.change(input, { target: { value: '5000' } });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.setSetting).not.toHaveBeenCalled();
  });

  it('applies a live setting as its slider moves', () => {
    const actions = setStore();
    render(<App />);
    fireEvent.change(screen.getByRole('slider', { name: /learning rate slider/i }), { target: { value: '500' } });
    // 1e-4 .. 100 on a log slider: the middle is 0.1.
    expect(actions.setSetting).toHaveBeenCalledWith('learningRate', 0.1);
  });

  it('changes a choice setting from its select', () => {
    const actions = setStore();
    render(<App />);
    fireEvent.change(screen.getByLabelText('Activation'), { target: { value: 'tanh' } });
    expect(actions.setSetting).toHaveBeenCalledWith('activation', 'tanh');
  });

  it('applies a preset and shows the selected one’s summary: its first sentence, the rest behind “What to watch”', () => {
    const actions = setStore({ presetId: PRESETS[0].id });
    render(<App />);
    const { lead, rest } = splitSummary(PRESETS[0].summary);
    expect(screen.getByText(lead)).toBeVisible();
    expect(screen.getByText(rest)).not.toBeVisible();
    fireEvent.click(screen.getByText('What to watch'));
    expect(screen.getByText(rest)).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: PRESETS[1].title }));
    expect(actions.applyPreset).toHaveBeenCalledWith(PRESETS[1].id);
  });

  it('shows errors as alerts that can be dismissed', () => {
    const actions = setStore({ notices: [{ id: 7, kind: 'error', text: 'learningRate: "banana" is not a number' }] });
    render(<App />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('learningRate');
    fireEvent.click(within(alert).getByRole('button'));
    expect(actions.dismissNotice).toHaveBeenCalledWith(7);
  });

  it('scrubs time from the shared scrubber and returns to live', () => {
    const actions = setStore({ history: threeLayerHistory(), scrubStep: 100 });
    render(<App />);
    const scrubber = screen.getByLabelText('Time (step)');
    expect(scrubber).toHaveAttribute('max', '200');
    fireEvent.change(scrubber, { target: { value: '150' } });
    expect(actions.setScrubStep).toHaveBeenCalledWith(150);
    fireEvent.click(screen.getByRole('button', { name: 'Live' }));
    expect(actions.setScrubStep).toHaveBeenLastCalledWith(null);
  });

  it('switches the layer charts between heatmap and ridgeline', () => {
    const actions = setStore({ history: threeLayerHistory() });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Ridgeline' }));
    expect(actions.setHistogramMode).toHaveBeenCalledWith('ridgeline');
  });

  it('tracks another unit for Figure 1 (b, c)', () => {
    const actions = setStore({ history: threeLayerHistory() });
    render(<App />);
    fireEvent.change(screen.getByLabelText('Track layer'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('unit'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Track' }));
    expect(actions.track).toHaveBeenCalledWith(0, 5);
  });

  it('tracks a layer from its chart, keeping the tracked unit', () => {
    const history = threeLayerHistory();
    history.tracked = { layer: 1, unit: 7 };
    const actions = setStore({ history });
    render(<App />);
    const buttons = screen.getAllByRole('button', { name: 'Track a unit of layer 1 in Figure 1' });
    expect(buttons).toHaveLength(2); // one per network
    expect(screen.getAllByRole('button', { name: 'Track a unit of layer 2 in Figure 1' })[0]).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(buttons[1]);
    expect(actions.track).toHaveBeenCalledWith(0, 7);
  });

  it('says whether training runs on the fast path or the fallback', () => {
    setStore({ kernel: 'wasm-simd' });
    const { unmount } = render(<App />);
    expect(screen.getByTestId('kernel')).toHaveTextContent('WebAssembly');
    unmount();
    setStore({ kernel: 'js' });
    render(<App />);
    expect(screen.getByTestId('kernel')).toHaveTextContent('slow mode');
  });
});
