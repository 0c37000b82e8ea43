// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/components/App.tsx';
import { ShareDialog } from '../../src/components/ShareDialog.tsx';
import { readEmbedOptions } from '../../src/embed/options.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { decodeUrlState } from '../../src/url/codec.ts';
import { readPageControls } from '../../src/url/pageControls.ts';
import { RESIZE_LISTENER } from '../../src/url/shareSnippets.ts';

const HREF = 'https://site.example/explorer/?preset=lr-x30&batchSize=32';

// jsdom has <dialog> without its methods: the browser's modal behaviour in miniature.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  act(() => useExperimentStore.setState({ presetId: 'lr-x30', config: { ...configForPreset('lr-x30'), batchSize: 32 } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Open the dialog and wait for its content, which loads on first open. */
async function openDialog(): Promise<HTMLElement> {
  render(<ShareDialog href={HREF} />);
  fireEvent.click(screen.getByRole('button', { name: 'Share / Embed' }));
  await screen.findByRole('textbox', { name: 'Link to this experiment' });
  return screen.getByRole('dialog', { name: 'Share or embed this experiment' });
}

function snippetSrc(): string {
  const snippet = (screen.getByRole('textbox', { name: 'Embed snippet (HTML)' }) as HTMLTextAreaElement).value;
  const iframe = new DOMParser().parseFromString(snippet, 'text/html').querySelector('iframe');
  return iframe?.getAttribute('src') ?? '';
}

describe('ShareDialog', () => {
  it('is offered in the full app header, closed until asked', async () => {
    render(<App />);
    expect(screen.getByRole('button', { name: 'Share / Embed' })).toHaveAttribute('aria-haspopup', 'dialog');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a labelled dialog with the link to the current experiment', async () => {
    await openDialog();
    expect(screen.getByRole('textbox', { name: 'Link to this experiment' })).toHaveValue(HREF);
  });

  it('offers an iframe snippet of the current experiment, which the codec and embed mode read back', async () => {
    await openDialog();
    const src = new URL(snippetSrc());
    expect(src.origin + src.pathname).toBe('https://site.example/explorer/');
    expect(decodeUrlState(src.search)).toEqual({ presetId: 'lr-x30', config: { ...configForPreset('lr-x30'), batchSize: 32 }, errors: [] });
    expect(readEmbedOptions(src.search)).toMatchObject({ embed: true, panels: ['fig1'], transport: ['play', 'reset'], autoplay: true, theme: 'light', problems: [] });
  });

  it('follows the preset, view, theme, autoplay and controls chosen', async () => {
    await openDialog();
    fireEvent.change(screen.getByRole('combobox', { name: 'Experiment' }), { target: { value: 'spiral' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'View' }), { target: { value: 'all' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Start training on load' }));
    const embed = within(screen.getByRole('group', { name: 'Embed' }));
    fireEvent.click(embed.getByRole('checkbox', { name: 'Reset' }));
    fireEvent.click(embed.getByRole('checkbox', { name: 'Learning rate' }));
    fireEvent.click(embed.getByRole('checkbox', { name: 'Step' }));
    const search = new URL(snippetSrc()).search;
    expect(decodeUrlState(search)).toEqual({ presetId: 'spiral', config: configForPreset('spiral'), errors: [] });
    expect(readEmbedOptions(search)).toMatchObject({ panels: ['fig1', 'layers'], transport: ['play', 'step'], settings: ['learningRate'], autoplay: false, theme: 'dark', problems: [] });
    expect((screen.getByRole('textbox', { name: 'Embed snippet (HTML)' }) as HTMLTextAreaElement).value).toMatch(/title="BatchNorm Explorer: [^"]+" width="100%" height="1400"/);
  });

  it('makes a classroom link with only the controls ticked, which the page reads back', async () => {
    await openDialog();
    const classroom = within(screen.getByRole('group', { name: 'Classroom link' }));
    const field = () => (screen.getByRole('textbox', { name: 'Classroom link' }) as HTMLInputElement).value;
    // Ticked at first: Play / Pause, Reset and the learning rate.
    expect(readPageControls(new URL(field()).search).kept).toEqual(['play', 'reset', 'learningRate']);
    fireEvent.click(classroom.getByRole('checkbox', { name: 'Reset' }));
    fireEvent.click(classroom.getByRole('checkbox', { name: 'Presets' }));
    fireEvent.click(classroom.getByRole('checkbox', { name: 'Batch size' }));
    const search = new URL(field()).search;
    expect(decodeUrlState(search)).toEqual({ presetId: 'lr-x30', config: { ...configForPreset('lr-x30'), batchSize: 32 }, errors: [] });
    expect(readPageControls(search)).toEqual({ restricted: true, kept: ['play', 'presets', 'learningRate', 'batchSize'] });
    expect(field()).toContain('&controls=play,presets,learningRate,batchSize');
    // Another experiment: the link follows it.
    fireEvent.change(screen.getByRole('combobox', { name: 'Experiment' }), { target: { value: 'spiral' } });
    expect(decodeUrlState(new URL(field()).search).presetId).toBe('spiral');
    for (const name of ['Play / Pause', 'Presets', 'Learning rate', 'Batch size']) fireEvent.click(classroom.getByRole('checkbox', { name }));
    expect(new URL(field()).searchParams.get('controls')).toBe('none');
  });

  it('offers the embeds that size themselves: the iframe with the host\'s lines, and the <bn-explorer> element', async () => {
    await openDialog();
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    const iframe = (screen.getByRole('textbox', { name: 'Embed snippet (HTML)' }) as HTMLTextAreaElement).value;
    const sized = (screen.getByRole('textbox', { name: /^Embed that sizes itself/ }) as HTMLTextAreaElement).value;
    expect(sized).toBe(`${iframe}\n${RESIZE_LISTENER}`);
    const element = (screen.getByRole('textbox', { name: /^Embed as an element/ }) as HTMLTextAreaElement).value;
    const doc = new DOMParser().parseFromString(element, 'text/html');
    expect(doc.querySelector('script')?.getAttribute('src')).toBe('https://site.example/explorer/embed.js');
    const bn = doc.querySelector('bn-explorer');
    expect(Object.fromEntries(Array.from(bn?.attributes ?? []).map((a) => [a.name, a.value]))).toEqual({
      preset: 'lr-x30', 'batch-size': '32', view: 'fig1', controls: 'play,reset', autoplay: '1', theme: 'dark',
      title: 'BatchNorm Explorer: Learning rate x30', height: '480',
    });
    expect(screen.getByRole('button', { name: 'Copy iframe and lines' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy element' })).toBeInTheDocument();
  });

  it('copies the link with the clipboard and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await openDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(HREF);
    expect(await screen.findByText('Copied.')).toHaveAttribute('role', 'status');
  });

  it('selects the snippet when the clipboard is refused, with no unhandled rejection', async () => {
    const writeText = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await openDialog();
    const field = screen.getByRole('textbox', { name: 'Embed snippet (HTML)' }) as HTMLTextAreaElement;
    fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    await waitFor(() => expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]));
  });

  it('closes with its Close button', async () => {
    await openDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
