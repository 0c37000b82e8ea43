// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../src/components/App.tsx';
import { ErrorBoundary } from '../../src/components/ErrorBoundary.tsx';
import { useExperimentStore } from '../../src/store/index.ts';
import { useLabStore } from '../../src/store/lab.ts';
import { makeHistory, makeNetwork } from '../charts/fixtures.ts';
import { setStore } from './storeSpies.ts';
import type * as ExportDialogModule from '../../src/components/export/ExportDialog.tsx';

/** Which panels throw while they render. */
const boom = vi.hoisted(() => ({ exportDialog: false, lab: false, guide: false }));

vi.mock('../../src/components/export/ExportDialog.tsx', async (importOriginal) => {
  const real = await importOriginal<typeof ExportDialogModule>();
  return {
    ...real,
    ExportDialog: (props: Parameters<typeof real.ExportDialog>[0]) => {
      if (boom.exportDialog) throw new RangeError('Maximum call stack size exceeded');
      return real.ExportDialog(props);
    },
  };
});
vi.mock('../../src/components/lab/LabWorkbench.tsx', () => ({
  LabWorkbench: () => {
    if (boom.lab) throw new Error('the lab broke');
    return <p>lab workbench</p>;
  },
}));
vi.mock('../../src/components/guide/GuidedPath.tsx', () => ({
  GuidedPath: () => {
    if (boom.guide) throw new Error('the tour broke');
    return <p>guided path</p>;
  },
}));

/** Throws while `failing.now`, else draws "fine" (React renders again after an error, so no counting renders). */
const failing = { now: true };
function Flaky() {
  if (failing.now) throw new Error('not yet');
  return <p>fine</p>;
}

beforeEach(() => {
  Object.assign(boom, { exportDialog: false, lab: false, guide: false });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  // React reports every caught error on the console: expected here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  useLabStore.setState(useLabStore.getInitialState(), true);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows one sentence with Retry and Close in place of a child that throws', () => {
    failing.now = true;
    const onClose = vi.fn();
    render(<><ErrorBoundary name="The panel" onClose={onClose}><Flaky /></ErrorBoundary><p>sibling</p></>);
    expect(screen.getByRole('alert')).toHaveTextContent(/^The panel stopped on an error \(not yet\); the live run goes on\.RetryClose$/);
    expect(screen.getByText('sibling')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    // Still failing: the message again. Once it draws, Retry shows it.
    expect(screen.getByRole('alert')).toBeInTheDocument();
    failing.now = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('fine')).toBeInTheDocument();
  });

  it('calls onClose on Close, and without one hides the message', () => {
    const onClose = vi.fn();
    const Always = (): never => {
      throw new Error('x'.repeat(500));
    };
    const { unmount } = render(<ErrorBoundary name="The panel" onClose={onClose}><Always /></ErrorBoundary>);
    // A long message is cut: the alert stays one short sentence.
    expect(screen.getByRole('alert').textContent?.length).toBeLessThan(260);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
    unmount();
    render(<ErrorBoundary name="The panel"><Always /></ErrorBoundary>);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('App with a panel that throws', () => {
  const running = () => setStore({ runState: 'running', step: 12340, history: makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]) });

  /** The live run's controls and charts are still on the page. */
  function expectLiveRunMounted(): void {
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 12,340');
    expect(screen.getByRole('img', { name: /Figure 1 \(a\)/ })).toBeInTheDocument();
  }

  it('keeps the live run when the export dialog throws, and Close closes the dialog', async () => {
    boom.exportDialog = true;
    running();
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Export / Compare' }));
    const alert = await screen.findByText(/^The export dialog stopped on an error \(Maximum call stack size exceeded\)/, {}, { timeout: 15_000 });
    expectLiveRunMounted();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(alert).not.toBeInTheDocument();
    expectLiveRunMounted();
  });

  it('keeps the live run when the lab throws, and Close closes the lab', async () => {
    boom.lab = true;
    running();
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Open the lab' }));
    await screen.findByText(/^The lab stopped on an error \(the lab broke\); the live run goes on\.$/);
    expectLiveRunMounted();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Open the lab' })).toHaveAttribute('aria-expanded', 'false');
    boom.lab = false;
    fireEvent.click(screen.getByRole('button', { name: 'Open the lab' }));
    expect(await screen.findByText('lab workbench')).toBeInTheDocument();
  });

  it('keeps the live run when the guided tour throws, and Retry brings it back once it draws', () => {
    boom.guide = true;
    running();
    render(<App />);
    expect(screen.getByText(/^The guided tour stopped on an error \(the tour broke\)/)).toBeInTheDocument();
    expectLiveRunMounted();
    boom.guide = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByText('guided path')).toBeInTheDocument();
  });
});
