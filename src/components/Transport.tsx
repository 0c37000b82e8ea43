/**
 * Play/Pause, Step and Reset, the step counter and speed (written per frame, outside React) and the run state.
 */
import { useExperimentStore } from '../store/index.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';
import { describeRunState, formatStep } from './runStatus.ts';
import { useFrameValue, useLiveText } from './useLive.ts';

/** Steps the Step button takes. */
export const STEP_COUNT = 10;

/** The transport bar. */
export function Transport() {
  const runState = useExperimentStore((s) => s.runState);
  const actions = useExperimentStore((s) => s.actions);
  const status = useFrameValue((s) => describeRunState(s.runState, s.error, s.history));
  const stepRef = useLiveText<number, HTMLSpanElement>((s) => s.step, (v) => `step ${formatStep(v)}`);
  // No speed while paused or finished: a figure that stays on screen would describe a run that is not moving.
  const speedRef = useLiveText<number, HTMLSpanElement>((s) => (s.runState === 'running' ? s.stepsPerSecond : -1), (v) => (v < 0 ? '' : `${formatStep(v)} steps/s`));
  const kernel = useExperimentStore((s) => s.kernel);
  const running = runState === 'running';
  // A classroom link (controls=...) keeps only the buttons it names.
  const controls = pageControls();
  return (
    <div className="transport" role="group" aria-label="Training">
      {showsControl(controls, 'play') ? (
        <button type="button" className="primary" onClick={running ? actions.pause : actions.play} disabled={runState === 'loading'}>
          {running ? 'Pause' : 'Play'}
        </button>
      ) : null}
      {showsControl(controls, 'step') ? (
        <button type="button" title={`Take ${STEP_COUNT} training steps`} onClick={() => actions.step(STEP_COUNT)} disabled={runState === 'loading'}>
          Step
        </button>
      ) : null}
      {showsControl(controls, 'reset') ? <button type="button" onClick={actions.reset}>Reset</button> : null}
      <span className="counter" data-testid="step-counter" aria-live="off" ref={stepRef} />
      <span className="speed" ref={speedRef} />
      <span className="speed" data-testid="kernel" title={kernelHelp(kernel)}>{kernelLabel(kernel)}</span>
      <span className={`run-state run-state-${runState}`} data-testid="run-state">{status}</span>
    </div>
  );
}

/** What the compute path is called in the page: the engine's WebAssembly SIMD kernels or its pure TypeScript fallback. */
export function kernelLabel(kernel: string): string {
  if (kernel === 'wasm-simd') return 'WebAssembly';
  if (kernel === 'js') return 'slow mode';
  return '';
}

function kernelHelp(kernel: string): string {
  if (kernel === 'wasm-simd') return 'Training runs on WebAssembly SIMD kernels (the fast path).';
  if (kernel === 'js') return 'This browser has no WebAssembly SIMD: training runs on the slower pure TypeScript kernels.';
  return '';
}
