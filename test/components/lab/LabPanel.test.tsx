// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { LabPanel } from '../../../src/components/lab/LabPanel.tsx';
import type { SweepResult } from '../../../src/lab/sweeps.ts';
import { useExperimentStore } from '../../../src/store/index.ts';
import { useLabStore } from '../../../src/store/lab.ts';
import type { LabEvent } from '../../../src/worker/labProtocol.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

const fake = vi.hoisted(() => ({
  runs: [] as { request: unknown; listener: (event: unknown) => void }[],
  cancels: 0,
}));

vi.mock('../../../src/worker/labClient.ts', () => ({
  labClient: () => ({
    run: (request: unknown, listener: (event: unknown) => void) => {
      fake.runs.push({ request, listener });
      return { runId: fake.runs.length, cancel: () => fake.cancels++ };
    },
  }),
}));

const emit = (event: LabEvent) => act(() => fake.runs.at(-1)?.listener(event));

const sweep: SweepResult = {
  setting: 'learningRate', base: 0.5, steps: 100, networks: ['plain', 'bn'],
  points: [
    { factor: 0.1, value: 0.05, networks: { plain: { testAccuracy: 0.1, trainLoss: 2.3, divergedAt: null }, bn: { testAccuracy: 0.8, trainLoss: 0.5, divergedAt: null } } },
    { factor: 1, value: 0.5, networks: { plain: { testAccuracy: 0.2, trainLoss: 2.1, divergedAt: null }, bn: { testAccuracy: 0.9, trainLoss: 0.3, divergedAt: null } } },
    { factor: 1000, value: 500, networks: { plain: { testAccuracy: null, trainLoss: null, divergedAt: 3 }, bn: { testAccuracy: 0.85, trainLoss: 0.4, divergedAt: null } } },
  ],
};

beforeEach(() => {
  fake.runs.length = 0;
  fake.cancels = 0;
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  useLabStore.setState(useLabStore.getInitialState(), true);
});
afterEach(cleanup);

async function openLab() {
  render(<LabPanel />);
  fireEvent.click(screen.getByRole('button', { name: 'Open the lab' }));
  return screen.findByRole('combobox', { name: 'Job' }, { timeout: 10_000 });
}

describe('LabPanel', () => {
  it('starts closed, then shows the jobs, the params with their defaults and the cost', async () => {
    await openLab();
    expect(screen.getByRole('option', { name: 'Higher learning rates' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'steps' })).toHaveValue('1000');
    expect(screen.getByRole('textbox', { name: 'factors' })).toHaveValue('0.01,0.03,0.1,0.3,1,3,10,30');
    expect(screen.getByText(/Cost: 16,000 training steps, time unknown until the live run has measured its speed/)).toBeInTheDocument();
    act(() => useExperimentStore.setState({ stepsPerSecond: 800 }));
    // The lazily loaded workbench subscribes to the store in a passive effect, which a loaded
    // machine may run after the combobox appeared: then it catches the change on subscribing.
    expect(await screen.findByText(/Cost: 16,000 training steps, about 20 s at the live run's speed/, {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('names an invalid param in an alert and runs with its default', async () => {
    await openLab();
    fireEvent.change(screen.getByRole('textbox', { name: 'steps' }), { target: { value: 'ten' } });
    expect(screen.getByRole('alert')).toHaveTextContent('steps must be a whole number from 1 to 100000 (got "ten"); using 1000');
    expect(screen.getByRole('textbox', { name: 'steps' })).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(screen.getByRole('textbox', { name: 'factors' }), { target: { value: '1,10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(fake.runs[0].request).toEqual({ jobId: 'lr-sweep', params: { steps: 1000, factors: [1, 10], units: 'relu-he' }, config: useExperimentStore.getState().config });
  });

  it('shows progress, cancels, and draws the result with both lines and the divergence marked', async () => {
    await openLab();
    fireEvent.change(screen.getByRole('textbox', { name: 'steps' }), { target: { value: '100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    emit({ type: 'progress', runId: 1, done: 150, total: 600 });
    expect(screen.getByRole('progressbar', { name: 'Lab job progress' })).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    const cancelsBefore = fake.cancels;
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.cancels).toBe(cancelsBefore + 1);
    expect(screen.getByText('Cancelling...')).toBeInTheDocument();
    emit({ type: 'result', runId: 1, params: { steps: 100, factors: [0.1, 1, 1000] }, result: sweep, paramErrors: [] });
    const figure = await screen.findByRole('figure', {}, { timeout: 10_000 });
    expect(within(figure).getByText('Test accuracy against learning rate after 100 steps')).toBeInTheDocument();
    expect(within(figure).getByRole('columnheader', { name: 'With BN' })).toBeInTheDocument();
    expect(within(figure).getByRole('columnheader', { name: 'Without BN' })).toBeInTheDocument();
    expect(within(figure).getByText(/diverged \(loss became NaN or infinite\)/)).toBeInTheDocument();
    expect(figure.querySelectorAll('.lab-sweep-plain path')[0].getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(figure.querySelectorAll('.lab-sweep-bn circle')).toHaveLength(3);
    expect(figure.querySelectorAll('.lab-sweep-diverged')).toHaveLength(1);
    expect(within(figure).getByRole('cell', { name: 'diverged at step 3' })).toBeInTheDocument();
    expect(attributesFreeOfNaN(figure)).toBe(true);
    expect(screen.queryByRole('progressbar')).toBe(null);
  });

  it('shows a failed run\'s message in an alert', async () => {
    await openLab();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    emit({ type: 'error', runId: 1, message: 'The lab worker stopped: out of memory. Run the job again to restart it.' });
    expect(screen.getByRole('alert')).toHaveTextContent('The lab worker stopped: out of memory.');
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
  });

  it('runs the job of a link once, with the link\'s params', async () => {
    useLabStore.setState({ open: true, jobId: 'init-sweep', raw: { steps: '7' }, autoRun: true });
    render(<LabPanel />);
    await screen.findByRole('combobox', { name: 'Job' }, { timeout: 10_000 });
    expect(fake.runs).toHaveLength(1);
    expect(fake.runs[0].request).toMatchObject({ jobId: 'init-sweep', params: { steps: 7, factors: [0.1, 0.3, 1, 3, 10, 30, 100] } });
  });

  it('says so when the link names a job that does not exist, in the lab and in the link\'s notice', async () => {
    useLabStore.setState({ open: true, jobId: 'nope', raw: {}, autoRun: true });
    render(<LabPanel />);
    expect(await screen.findByText(/There is no lab job called "nope"/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(useExperimentStore.getState().notices.flatMap((n) => n.items ?? [])).toEqual([expect.stringMatching(/^unknown lab job "nope" \(jobs: /)]);
    expect(fake.runs).toHaveLength(0);
  });

  it('asks before the link\'s job of over 100,000 steps, runs it on Run, and names the link\'s unknown params once', async () => {
    const factors = Array.from({ length: 16 }, (_, i) => i + 1).join(',');
    useLabStore.setState({ open: true, jobId: 'lr-sweep', raw: { steps: '100000', factors, zz: '1' }, autoRun: true });
    render(<LabPanel />);
    const confirm = await screen.findByRole('group', { name: /This link asks for 3,200,000 training steps/ }, { timeout: 10_000 });
    expect(fake.runs).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBe(null);
    expect(useExperimentStore.getState().notices.flatMap((n) => n.items ?? [])).toEqual([expect.stringMatching(/^lab job lr-sweep: unknown parameter "zz"/)]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Run' }));
    expect(fake.runs).toHaveLength(1);
    expect(fake.runs[0].request).toMatchObject({ jobId: 'lr-sweep', params: { steps: 100_000 } });
    expect(screen.queryByRole('group', { name: /This link asks for/ })).toBe(null);
  });

  it('lists five of many invalid params and counts the rest', async () => {
    await openLab();
    act(() => useLabStore.setState({ raw: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, '1'])) }));
    const items = within(screen.getByRole('alert')).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items[5]).toHaveTextContent('and 35 more.');
  });
});
