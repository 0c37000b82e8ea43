/**
 * The Share / Embed dialog's content (./ShareDialog.tsx loads it on first open): for the experiment
 * chosen at the top (this one, or a preset), the link, the classroom link with only the controls the
 * teacher ticks (src/url/pageControls.ts), and three embeds, each with a Copy button.
 */
import { useId, useRef, useState } from 'react';
import { clipboardOf, copyText } from '../embed/clipboard.ts';
import { embedHeight, embedParams, iframeSnippet, pageUrl, TRANSPORT_CONTROLS, VIEWS } from '../embed/options.ts';
import type { EmbedChoice, EmbedTheme } from '../embed/options.ts';
import { presetById, PRESETS } from '../experiment/presets.ts';
import { SETTINGS } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import { encodeUrlState } from '../url/codec.ts';
import { PAGE_PARTS } from '../url/pageControls.ts';
import type { PageControl } from '../url/pageControls.ts';
import { classroomLink, elementSnippet, sizedIframeSnippet } from '../url/shareSnippets.ts';

const CURRENT = 'current';
const TRANSPORT_LABELS: Record<string, string> = { play: 'Play / Pause', step: 'Step', reset: 'Reset' };
const PART_LABELS: Record<string, string> = { presets: 'Presets', lab: 'The lab', tour: 'The guided tour' };
const VIEW_LABELS: Record<string, string> = { fig1: 'Figure 1', layers: 'Layer charts', all: 'Both' };
/** Settings offered as embed controls: the everyday ones. */
const CONTROL_SETTINGS = SETTINGS.filter((s) => !s.advanced);
/** Every control a classroom link can keep, in the order the link lists them. */
const CLASSROOM_ORDER: PageControl[] = [...TRANSPORT_CONTROLS, ...PAGE_PARTS, ...SETTINGS.map((s) => s.key)];

/** The experiment choice, the links and the snippets (rendered only while the dialog is open). */
export function ShareContent({ href }: { href: string }) {
  const config = useExperimentStore((s) => s.config);
  const presetId = useExperimentStore((s) => s.presetId);
  const [source, setSource] = useState(CURRENT);
  const [choice, setChoice] = useState<EmbedChoice>({ view: 'fig1', controls: ['play', 'reset'], autoplay: true, theme: 'light' });
  const [kept, setKept] = useState<PageControl[]>(['play', 'reset', 'learningRate']);
  const query = source === CURRENT ? encodeUrlState({ config, presetId }) : `preset=${encodeURIComponent(source)}`;
  const link = pageUrl(href, query);
  const embedQuery = [query, embedParams(choice)].filter((p) => p !== '').join('&');
  const embedSrc = pageUrl(href, embedQuery);
  const presetTitle = presetById(source === CURRENT ? (presetId ?? '') : source)?.title;
  const title = `BatchNorm Explorer${presetTitle ? `: ${presetTitle}` : ''}`;
  const height = embedHeight(choice.view);
  const snippet = iframeSnippet(embedSrc, title, height);
  const classroom = classroomLink(href, query, kept);
  const toggleControl = (name: string, on: boolean): void => {
    const order = [...TRANSPORT_CONTROLS, ...CONTROL_SETTINGS.map((s) => s.key)] as string[];
    const next = on ? [...choice.controls, name] : choice.controls.filter((c) => c !== name);
    setChoice({ ...choice, controls: order.filter((c) => next.includes(c)) });
  };
  const toggleKept = (name: PageControl, on: boolean): void => {
    const next = on ? [...kept, name] : kept.filter((c) => c !== name);
    setKept(CLASSROOM_ORDER.filter((c) => next.includes(c)));
  };
  const classroomChoices: [PageControl, string][] = [
    ...TRANSPORT_CONTROLS.map((c) => [c, TRANSPORT_LABELS[c] ?? c] as [PageControl, string]),
    ...PAGE_PARTS.map((p) => [p, PART_LABELS[p] ?? p] as [PageControl, string]),
    ...SETTINGS.map((s) => [s.key, s.label] as [PageControl, string]),
  ];
  return (
    <div className="share-body">
      <label className="share-source">
        Experiment{' '}
        <select value={source} onChange={(e) => setSource(e.target.value)}>
          <option value={CURRENT}>This experiment</option>
          {PRESETS.map((p) => <option key={p.id} value={p.id}>{`Preset: ${p.title}`}</option>)}
        </select>
      </label>
      <CopyField label="Link to this experiment" copyLabel="Copy link" value={link} />
      <fieldset className="share-options">
        <legend>Classroom link</legend>
        <p className="share-help">The same experiment with only the controls you tick: the rest of the page (Figure 1, the layer charts, the explanations) as it is.</p>
        <fieldset className="share-controls">
          <legend>Controls that stay</legend>
          {classroomChoices.map(([name, label]) => (
            <label key={name} className="share-check">
              <input type="checkbox" checked={kept.includes(name)} onChange={(e) => toggleKept(name, e.target.checked)} />
              {label}
            </label>
          ))}
        </fieldset>
        <CopyField label="Classroom link" copyLabel="Copy classroom link" value={classroom} />
        <p className="share-help"><a href={classroom} target="_blank" rel="noopener">Open the classroom link in a new tab</a> to see what the class will see.</p>
      </fieldset>
      <fieldset className="share-options">
        <legend>Embed</legend>
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
        <CopyField label="Embed snippet (HTML)" copyLabel="Copy snippet" value={snippet} multiline />
        <CopyField label="Embed that sizes itself: the iframe and the lines that apply its height (HTML)" copyLabel="Copy iframe and lines" value={sizedIframeSnippet(snippet)} multiline rows={6} />
        <CopyField label="Embed as an element: embed.js and <bn-explorer> (HTML)" copyLabel="Copy element" value={elementSnippet(href, embedQuery, title, height)} multiline rows={3} />
      </fieldset>
    </div>
  );
}

/** A read-only field, its Copy button, and what the copy did. */
function CopyField({ label, copyLabel, value, multiline = false, rows = 4 }: { label: string; copyLabel: string; value: string; multiline?: boolean; rows?: number }) {
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
          <textarea id={id} ref={fieldRef} readOnly value={value} rows={rows} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={fieldRef} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" onClick={copy}>{copyLabel}</button>
      </div>
      <p className="copy-status" role="status">{status}</p>
    </div>
  );
}
