/** Component-test helpers: put the store in a given state with every action replaced by a spy. */
import { vi } from 'vitest';
import { act } from '@testing-library/react';
import { useExperimentStore } from '../../src/store/index.ts';
import type { ExperimentState } from '../../src/store/index.ts';

/** Replace every store action with a spy, set the given state, and return the spies. */
export function setStore(patch: Partial<ExperimentState> = {}): ExperimentState['actions'] {
  const actions = {
    play: vi.fn(), pause: vi.fn(), step: vi.fn(), reset: vi.fn(), setSetting: vi.fn(), applyPreset: vi.fn(),
    track: vi.fn(), setScrubStep: vi.fn(), setHistogramMode: vi.fn(), setSharedScale: vi.fn(), dismissNotice: vi.fn(),
  };
  act(() => useExperimentStore.setState({ ...patch, actions }));
  return actions;
}
