/**
 * One control per setting kind, driven by its SETTINGS declaration: a number (typed value plus a
 * linear or log slider), a choice (<select>), a list (a checkbox per option) or a boolean (checkbox). Label and help text from the table.
 */
import { useEffect, useId, useState } from 'react';
import type { ChangeEvent, KeyboardEvent, ReactNode } from 'react';
import type { ExperimentConfig, Setting } from '../experiment/settings.ts';
import { networkLabels } from '../theme.ts';
import { fromSliderPosition, parseSettingNumber, SLIDER_STEPS, toSliderPosition } from './sliderScale.ts';

export interface SettingControlProps {
  setting: Setting;
  value: ExperimentConfig[keyof ExperimentConfig];
  onCommit: (value: ExperimentConfig[keyof ExperimentConfig]) => void;
}

/** The control for one setting. */
export function SettingControl({ setting, value, onCommit }: SettingControlProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const help = <p id={helpId} className="help">{setting.help}</p>;
  if (setting.kind === 'boolean') {
    return (
      <div className="control control-boolean">
        <input id={id} type="checkbox" checked={Boolean(value)} aria-describedby={helpId} onChange={(e) => onCommit(e.target.checked)} />
        <label htmlFor={id}>{setting.label}</label>
        {help}
      </div>
    );
  }
  if (setting.kind === 'choice') {
    return (
      <div className="control control-choice">
        <label htmlFor={id}>{setting.label}</label>
        <select id={id} value={String(value)} aria-describedby={helpId} onChange={(e) => onCommit(e.target.value as ExperimentConfig[keyof ExperimentConfig])}>
          {setting.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  if (setting.kind === 'list') return <ListControl setting={setting} value={String(value)} onCommit={onCommit} helpId={helpId} help={help} />;
  return <NumberControl setting={setting} value={Number(value)} onCommit={onCommit} id={id} helpId={helpId} help={help} />;
}

interface ListControlProps {
  setting: Extract<Setting, { kind: 'list' }>;
  value: string;
  onCommit: (value: string) => void;
  helpId: string;
  help: ReactNode;
}

/** One checkbox per option (networks by their display names), never fewer than minItems or more than maxItems ticked. */
function ListControl({ setting, value, onCommit, helpId, help }: ListControlProps) {
  const chosen = value.split(',');
  const names = networkLabels as Record<string, string>;
  const toggle = (option: string, on: boolean): void => {
    onCommit(setting.options.filter((o) => (o === option ? on : chosen.includes(o))).join(','));
  };
  return (
    <fieldset className="control control-list" aria-describedby={helpId}>
      <legend>{setting.label}</legend>
      {setting.options.map((option) => {
        const on = chosen.includes(option);
        const locked = on ? chosen.length <= setting.minItems : chosen.length >= setting.maxItems;
        return (
          <label key={option} className="control-list-option">
            <input type="checkbox" checked={on} disabled={locked} data-option={option} onChange={(e) => toggle(option, e.target.checked)} />
            {names[option] ?? option}
          </label>
        );
      })}
      {help}
    </fieldset>
  );
}

interface NumberControlProps {
  setting: Extract<Setting, { kind: 'number' }>;
  value: number;
  onCommit: (value: number) => void;
  id: string;
  helpId: string;
  help: ReactNode;
}

/**
 * A typed value (committed on Enter or blur, so a half-typed "3" of "32" does not restart the run)
 * and a slider (live settings follow it at once; others commit when it is released).
 */
function NumberControl({ setting, value, onCommit, id, helpId, help }: NumberControlProps) {
  const [text, setText] = useState(String(value));
  const [position, setPosition] = useState(toSliderPosition(value, setting));
  useEffect(() => {
    setText(String(value));
    setPosition(toSliderPosition(value, setting));
  }, [value, setting]);
  const parsed = parseSettingNumber(text, setting);
  const commitText = (): void => {
    if (parsed === null) setText(String(value));
    else if (parsed !== value) onCommit(parsed);
  };
  const immediate = setting.effect !== 'reset';
  const commitSlider = (): void => {
    const v = fromSliderPosition(position, setting);
    if (v !== value) onCommit(v);
  };
  const onSlide = (e: ChangeEvent<HTMLInputElement>): void => {
    const p = Number(e.target.value);
    setPosition(p);
    const v = fromSliderPosition(p, setting);
    setText(String(v));
    if (immediate && v !== value) onCommit(v);
  };
  const onTextKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commitText();
    if (e.key === 'Escape') setText(String(value));
  };
  return (
    <div className="control control-number">
      <label htmlFor={id}>{setting.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={setting.min}
        max={setting.max}
        step={setting.integer ? 1 : 'any'}
        value={text}
        aria-invalid={parsed === null}
        aria-describedby={helpId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onTextKey}
        onBlur={commitText}
      />
      <input
        type="range"
        className="slider"
        aria-label={`${setting.label} slider${setting.scale === 'log' ? ' (log scale)' : ''}`}
        aria-valuetext={text}
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={position}
        onChange={onSlide}
        onPointerUp={immediate ? undefined : commitSlider}
        onKeyUp={immediate ? undefined : commitSlider}
        onBlur={immediate ? undefined : commitSlider}
      />
      {help}
    </div>
  );
}
