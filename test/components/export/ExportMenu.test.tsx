// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ExportMenu } from '../../../src/components/export/ExportMenu.tsx';
import { useExperimentStore } from '../../../src/store/index.ts';
import { setStore } from '../storeSpies.ts';
import { sessionHistory, SMALL_CONFIG } from '../../export/sessionHistory.ts';

const created: Blob[] = [];

beforeEach(() => {
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  created.length = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return `blob:test/${created.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openMenu(): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('button', { name: 'Export / Compare' }));
  // The dialog's code loads lazily (a dynamic import): slow on a busy machine.
  return screen.findByRole('dialog', { name: 'Export, save and compare' }, { timeout: 15_000 });
}

describe('ExportMenu', () => {
  it('loads the dialog on click and lists every chart with PNG and SVG', async () => {
    setStore({ history: sessionHistory(SMALL_CONFIG, [50, 50]), config: SMALL_CONFIG, presetId: null });
    render(<ExportMenu />);
    expect(screen.queryByRole('dialog')).toBeNull();
    await openMenu();
    for (const name of ['Figure 1 (a): test accuracy as PNG', 'Figure 1 (c): With BN, tracked unit as SVG', 'Layer 2 inputs (heatmap, every network) as SVG']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
  });

  it('downloads the CSV through a blob URL it revokes, and says so', async () => {
    setStore({ history: sessionHistory(SMALL_CONFIG, [50, 50]), config: SMALL_CONFIG, presetId: null });
    render(<ExportMenu />);
    await openMenu();
    fireEvent.click(screen.getByRole('button', { name: 'Data as CSV' }));
    await screen.findByText('Downloaded the run data (CSV).');
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe('text/csv');
    // jsdom's Blob has no text(): read it as the browser would with a FileReader.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]);
    });
    expect(text).toMatch(/^network,step,train_loss/);
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1'));
  });

  it('says there is nothing to export before the first snapshot', async () => {
    setStore({ history: null });
    render(<ExportMenu />);
    await openMenu();
    expect(screen.getByText('No charts yet: wait for the first snapshot of the run.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save run' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not export the saved run: Nothing to export yet: wait for the first snapshot of the run.');
  });

  it('names a file that is not a saved run, without crashing', async () => {
    setStore({ history: sessionHistory(SMALL_CONFIG, [50]), config: SMALL_CONFIG, presetId: null });
    render(<ExportMenu />);
    await openMenu();
    const content = '{"config": {}, "bn": {"steps": [1], "trainLoss": ["NaN"]}}';
    const file = new File([content], 'odd.json', { type: 'application/json' });
    // jsdom's File has no text(); the browser's has.
    Object.defineProperty(file, 'text', { value: () => Promise.resolve(content) });
    fireEvent.change(screen.getByLabelText('Load saved runs (JSON)'), { target: { files: [file] } });
    expect((await screen.findByRole('alert')).textContent).toBe('odd.json cannot be loaded: bn.trainLoss[0] is the text "NaN", not a finite number.');
  });
});
