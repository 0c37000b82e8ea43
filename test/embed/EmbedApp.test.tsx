// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EmbedApp } from '../../src/embed/EmbedApp.tsx';
import { readEmbedOptions } from '../../src/embed/options.ts';
import { applyUrlState } from '../../src/store/bridge.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from '../components/storeSpies.ts';
import { makeHistory, makeNetwork } from '../charts/fixtures.ts';


const HREF = 'https://blog.example/bn/?preset=lr-x30&embed=1&view=fig1&controls=play&theme=dark';

function renderEmbed(search: string) {
  return render(<EmbedApp options={readEmbedOptions(search)} href={HREF} />);
}

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
});
afterEach(cleanup);

describe('EmbedApp', () => {
  it('shows Figure 1 only for view=fig1, with a small title and no explainer or full controls', () => {
    setStore({ runState: 'running', presetId: 'lr-x30', config: configForPreset('lr-x30'), history: makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]) });
    renderEmbed('embed=1&view=fig1&controls=play,reset');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('BatchNorm Explorer: Learning rate x30');
    expect(screen.getByRole('region', { name: /Figure 1/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Layer inputs over training' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Experiment' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Presets' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Share / Embed' })).toBeNull();
    expect(screen.queryByText(/Santurkar/)).toBeNull();
  });

  it('shows the layer charts and the scrubber for view=layers', () => {
    setStore({ runState: 'running', history: makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]) });
    renderEmbed('embed=1&view=layers');
    expect(screen.getByRole('region', { name: 'Layer inputs over training' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Time' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Figure 1/ })).toBeNull();
    expect(screen.getByRole('img', { name: 'With BN, hidden layer 1: input distribution over training' })).toBeInTheDocument();
  });

  it('shows only the transport buttons and settings the link asks for, wired to the store', () => {
    const actions = setStore({ runState: 'running' });
    renderEmbed('embed=1&controls=play,learningRate');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(actions.pause).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Step' })).toBeNull();
    const lr = screen.getByRole('spinbutton', { name: 'Learning rate' });
    fireEvent.change(lr, { target: { value: '2' } });
    fireEvent.keyDown(lr, { key: 'Enter' });
    expect(actions.setSetting).toHaveBeenCalledWith('learningRate', 2);
    expect(screen.queryByRole('spinbutton', { name: 'Batch size' })).toBeNull();
  });

  it('shows no buttons for controls=none but still the step', () => {
    setStore({ runState: 'running', step: 1234 });
    renderEmbed('embed=1&controls=none');
    expect(screen.queryByRole('button', { name: /Play|Pause|Step|Reset/ })).toBeNull();
    expect(screen.getByTestId('step-counter')).toBeInTheDocument();
  });

  it('links to the full page with the same experiment and no embed options', () => {
    setStore({ presetId: 'lr-x30', config: { ...configForPreset('lr-x30'), batchSize: 32 } });
    renderEmbed('embed=1');
    const link = screen.getByRole('link', { name: 'Open in BatchNorm Explorer' });
    expect(link).toHaveAttribute('href', 'https://blog.example/bn/?preset=lr-x30&batchSize=32');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toMatch(/noopener/);
  });

  it('wears the dark theme class and names bad options in the link\'s one alert', () => {
    setStore();
    const search = 'embed=1&theme=dark&view=nope&controls=zap,zop&autoplay=maybe&colour=red';
    applyUrlState(useExperimentStore, search);
    const { container } = renderEmbed(search);
    expect(container.firstElementChild).toHaveClass('embed', 'theme-dark');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/unknown view "nope"/);
    expect(alert).toHaveTextContent(/unknown controls "zap", "zop"/);
    expect(alert).toHaveTextContent(/autoplay must be 0 or 1/);
    expect(alert).toHaveTextContent(/unknown setting "colour"/);
  });

  it('pauses when the tab is hidden and plays again when it is shown', () => {
    const actions = setStore({ runState: 'running' });
    renderEmbed('embed=1');
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(actions.pause).toHaveBeenCalledOnce();
    act(() => useExperimentStore.setState({ runState: 'paused' }));
    visibility.mockReturnValue('visible');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(actions.play).toHaveBeenCalledOnce();
    visibility.mockRestore();
  });
});
