// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Explainer } from '../../src/components/Explainer.tsx';
import { Header } from '../../src/components/Header.tsx';
import { isPaperPair, NETWORK_ROLES, subtitleFor } from '../../src/components/lineup.ts';
import { ALL_NETWORK_IDS } from '../../src/experiment/types.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from './storeSpies.ts';

const initial = useExperimentStore.getState();
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
});

describe('the networks on show, in words', () => {
  it('keep the paper\'s sentence for its pair and name a zoo line-up', () => {
    expect(isPaperPair(['plain', 'bn'])).toBe(true);
    expect(isPaperPair(['bn', 'plain', 'ln'])).toBe(false);
    expect(subtitleFor(['plain', 'bn'])).toBe('Two copies of one network, with and without Batch Normalization, training live in your browser.');
    expect(subtitleFor(['bn', 'ln', 'gn'])).toBe('Three copies of one network (With BN, LayerNorm and GroupNorm), training live in your browser.');
    expect(subtitleFor(['bn', 'ghost'])).toBe('Two copies of one network (With BN and Ghost BN), training live in your browser.');
    for (const id of ALL_NETWORK_IDS) expect(NETWORK_ROLES[id].length).toBeGreaterThan(10);
  });

  it('follow the config on the header and in the explainer', () => {
    setStore({ config: { ...initial.config, variants: 'bn,ghost' } });
    render(<><Header /><Explainer /></>);
    expect(screen.getByText('Two copies of one network (With BN and Ghost BN), training live in your browser.')).toBeInTheDocument();
    expect(screen.queryByText(/the “Without BN” one does not/)).toBeNull();
    expect(screen.getByText(/^Two copies of the same network start from the same weights/)).toBeInTheDocument();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([`With BN: ${NETWORK_ROLES.bn}.`, `Ghost BN: ${NETWORK_ROLES.ghost}.`]);
  });

  it('count BN + noise when the older switch adds it', () => {
    setStore({ config: { ...initial.config, variants: 'plain,bn', noisyBn: true } });
    render(<Header />);
    expect(screen.getByText('Three copies of one network (Without BN, With BN and BN + noise), training live in your browser.')).toBeInTheDocument();
  });
});
