/**
 * "Share / Embed": a button that opens a modal <dialog> (showModal: the browser traps focus and
 * closes it on Escape) with the link to the current experiment and an iframe snippet for an
 * embed of it (preset, view, controls, theme, autoplay to choose), each with a Copy button.
 */
import { useId, useRef, useState } from 'react';
import { clipboardOf, copyText } from '../embed/clipboard.ts';
import { embedHeight, embedParams, iframeSnippet, pageUrl, TRANSPORT_CONTROLS, VIEWS } from '../embed/options.ts';
import type { EmbedChoice, EmbedTheme } from '../embed/options.ts';
import { presetById, PRESETS } from '../experiment/presets.ts';
import { SETTINGS } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import { encodeUrlState } from '../url/codec.ts';

const CURRENT = 'current';
const TRANSPORT_LABELS: Record<string, string> = { play: 'Play / Pause', step: 'Step', reset: 'Reset' };
const VIEW_LABELS: Record<string, string> = { fig1: 'Figure 1', layers: 'Layer charts', all: 'Both' };
/** Settings offered as embed controls: the everyday ones. */
const CONTROL_SETTINGS = SETTINGS.filter((s) => !s.advanced);

/** The Share / Embed button and its dialog. */
export function ShareDialog({ href }: { href?: string }) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const show = (): void => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    setOpen(true);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  };
  const close = (): void => {
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.close === 'function') dialog.close();
    else dialog?.removeAttribute('open');
    setOpen(false);
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={show}>Share / Embed</button>
      <dialog ref={dialogRef} className="share-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <div className="share-head">
          <h2 id={titleId}>Share or embed this experiment</h2>
          <button type="button" onClick={close}>Close</button>
        </div>
        {open ? <ShareContent href={href ?? window.location.href} /> : null}
      </dialog>
    </>
  );
}

/** The link and the snippet (rendered only while the dialog is open). */
function ShareContent({ href }: { href: string }) {
  const config = useExperimentStore((s) => s.config);
  const presetId = useExperimentStore((s) => s.presetId);
  const [source, setSource] = useState(CURRENT);
  const [choice, setChoice] = useState<EmbedChoice>({ view: 'fig1', controls: ['play', 'reset'], autoplay: true, theme: 'light' });
  const experimentQuery = encodeUrlState({ config, presetId });
  const link = pageUrl(href, experimentQuery);
  const embedQuery = source === CURRENT ? experimentQuery : `preset=${encodeURIComponent(source)}`;
  const embedSrc = pageUrl(href, [embedQuery, embedParams(choice)].filter((p) => p !== '').join('&'));
  const presetTitle = presetById(source === CURRENT ? (presetId ?? '') : source)?.title;
  const snippet = iframeSnippet(embedSrc, `BatchNorm Explorer${presetTitle ? `: ${presetTitle}` : ''}`, embedHeight(choice.view));
  const toggleControl = (name: string, on: boolean): void => {
    const order = [...TRANSPORT_CONTROLS, ...CONTROL_SETTINGS.map((s) => s.key)] as string[];
    const next = on ? [...choice.controls, name] : choice.controls.filter((c) => c !== name);
    setChoice({ ...choice, controls: order.filter((c) => next.includes(c)) });
  };
  return (
    <div className="share-body">
      <CopyField label="Link to this experiment" copyLabel="Copy link" value={link} />
      <fieldset className="share-options">
        <legend>Embed</legend>
        <label>
          Experiment{' '}
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value={CURRENT}>This experiment</option>
            {PRESETS.map((p) => <option key={p.id} value={p.id}>{`Preset: ${p.title}`}</option>)}
          </select>
        </label>
        <label>
          View{' '}
          <select value={choice.view} onChange={(e) => setChoice({ ...choice, view: e.target.value })}>
            {Object.keys(VIEWS).map((v) => <option key={v} value={v}>{VIEW_LABELS[v] ?? v}</option>)}
          </select>
        </label>
        <label>
          Theme{' '}
          <select value={choice.theme} onChange={(e) => setChoice({ ...choice, theme: e.target.value as EmbedTheme })}>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="share-check">
          <input type="checkbox" checked={choice.autoplay} onChange={(e) => setChoice({ ...choice, autoplay: e.target.checked })} />
          Start training on load
        </label>
        <fieldset className="share-controls">
          <legend>Controls shown</legend>
          {[...TRANSPORT_CONTROLS.map((c) => [c, TRANSPORT_LABELS[c] ?? c] as const), ...CONTROL_SETTINGS.map((s) => [s.key, s.label] as const)].map(([name, label]) => (
            <label key={name} className="share-check">
              <input type="checkbox" checked={choice.controls.includes(name)} onChange={(e) => toggleControl(name, e.target.checked)} />
              {label}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <CopyField label="Embed snippet (HTML)" copyLabel="Copy snippet" value={snippet} multiline />
    </div>
  );
}

/** A read-only field, its Copy button, and what the copy did. */
function CopyField({ label, copyLabel, value, multiline = false }: { label: string; copyLabel: string; value: string; multiline?: boolean }) {
  const id = useId();
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const copy = (): void => {
    void copyText(value, fieldRef.current, clipboardOf(globalThis.navigator)).then((outcome) =>
      setStatus(outcome === 'copied' ? 'Copied.' : 'Selected: press Ctrl+C (⌘C on a Mac) to copy.'),
    );
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        {multiline ? (
          <textarea id={id} ref={fieldRef} readOnly value={value} rows={4} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={fieldRef} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" onClick={copy}>{copyLabel}</button>
      </div>
      <p className="copy-status" role="status">{status}</p>
    </div>
  );
}
