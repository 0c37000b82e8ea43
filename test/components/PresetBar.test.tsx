// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { PresetBar } from '../../src/components/PresetBar.tsx';
import { PRESETS } from '../../src/experiment/presets.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from './storeSpies.ts';

const initial = useExperimentStore.getState();
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
});

const paper = PRESETS.filter((p) => p.group === 'paper');
const zoo = PRESETS.filter((p) => p.group === 'zoo');

describe('PresetBar', () => {
  it('shows the paper\'s presets as buttons and the zoo\'s behind one "Beyond the paper" menu', () => {
    expect(paper.map((p) => p.id)).toContain('paper-fig1');
    expect(zoo.map((p) => p.id)).toEqual(expect.arrayContaining(['tiny-norms', 'bn-after', 'ghost-bn', 'deep-residual']));
    setStore({ presetId: 'paper-fig1' });
    const { container } = render(<PresetBar />);
    for (const p of paper) expect(screen.getByRole('button', { name: p.title })).toBeInTheDocument();
    const menu = container.querySelector('details.preset-menu') as HTMLDetailsElement;
    expect(menu.open).toBe(false);
    expect(within(menu).getByText('Beyond the paper')).toBeInTheDocument();
    // Each zoo preset in the menu with its first sentence.
    const list = within(menu).getByRole('group', { hidden: true });
    expect(within(list).getAllByRole('button', { hidden: true })).toHaveLength(zoo.length);
    expect(within(list).getByText(zoo[0].title)).toBeInTheDocument();
  });

  it('applies a zoo preset from the menu, closes it and names the choice on its button', () => {
    const actions = setStore({ presetId: 'paper-fig1' });
    const { container, rerender } = render(<PresetBar />);
    const menu = container.querySelector('details.preset-menu') as HTMLDetailsElement;
    menu.open = true;
    fireEvent.click(within(menu).getByText(zoo[1].title));
    expect(actions.applyPreset).toHaveBeenCalledWith(zoo[1].id);
    expect(menu.open).toBe(false);
    act(() => useExperimentStore.setState({ presetId: zoo[1].id }));
    rerender(<PresetBar />);
    expect(menu.querySelector('summary')?.textContent).toBe(`Beyond the paper: ${zoo[1].title}`);
    expect(menu.dataset.chosen).toBe('true');
    // No paper preset is pressed then.
    for (const p of paper) expect(screen.getByRole('button', { name: p.title })).toHaveAttribute('aria-pressed', 'false');
  });

  it('closes on Escape and on a click elsewhere', () => {
    setStore({ presetId: 'paper-fig1' });
    const { container } = render(<PresetBar />);
    const menu = container.querySelector('details.preset-menu') as HTMLDetailsElement;
    menu.open = true;
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(menu.open).toBe(false);
    menu.open = true;
    fireEvent.pointerDown(document.body);
    expect(menu.open).toBe(false);
    menu.open = true;
    fireEvent.pointerDown(menu.querySelector('button') as HTMLButtonElement);
    expect(menu.open).toBe(true);
  });
});
