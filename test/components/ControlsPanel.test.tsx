// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { ControlsPanel } from '../../src/components/ControlsPanel.tsx';
import { configForPreset } from '../../src/experiment/presets.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from './storeSpies.ts';

beforeEach(() => {
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
});
afterEach(cleanup);

describe('ControlsPanel', () => {
  it('shows every everyday setting for the paper setup, and no list of hidden ones', () => {
    setStore({ config: DEFAULT_CONFIG });
    render(<ControlsPanel />);
    expect(screen.getByLabelText('Binary pixels')).toBeInTheDocument();
    expect(screen.getByLabelText('Init std')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Settings not shown' })).toBeNull();
  });

  it('hides Binary pixels and Init std on the spiral and says why in one line each', () => {
    setStore({ config: configForPreset('spiral') });
    render(<ControlsPanel />);
    expect(screen.queryByLabelText('Binary pixels')).toBeNull();
    expect(screen.queryByLabelText('Init std')).toBeNull();
    const items = within(screen.getByRole('list', { name: 'Settings not shown' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Binary pixels is for MNIST only: the spiral is points in 2-D, not pixels.',
      'Init std is for the gaussian init only: He sets each layer\'s std from its fan-in.',
    ]);
  });

  it('brings Init std back when the init scheme returns to gaussian', () => {
    setStore({ config: { ...DEFAULT_CONFIG, initScheme: 'xavier' } });
    render(<ControlsPanel />);
    expect(screen.queryByLabelText('Init std')).toBeNull();
    act(() => useExperimentStore.setState({ config: { ...DEFAULT_CONFIG, initScheme: 'gaussian' } }));
    expect(screen.getByLabelText('Init std')).toBeInTheDocument();
  });
});
