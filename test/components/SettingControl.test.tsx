// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SettingControl } from '../../src/components/SettingControl.tsx';
import { settingFor } from '../../src/experiment/settings.ts';

afterEach(cleanup);

describe('the networks control (a list setting)', () => {
  it('ticks the networks of the value, by their display names, and commits the list in display order', () => {
    const onCommit = vi.fn();
    render(<SettingControl setting={settingFor('variants')} value="plain,ln" onCommit={onCommit} />);
    expect(screen.getByRole('group', { name: 'Networks' })).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Without BN' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'LayerNorm' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'GroupNorm' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'GroupNorm' }));
    expect(onCommit).toHaveBeenLastCalledWith('plain,ln,gn');
    fireEvent.click(screen.getByRole('checkbox', { name: 'With BN' }));
    expect(onCommit).toHaveBeenLastCalledWith('plain,bn,ln');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Without BN' }));
    expect(onCommit).toHaveBeenLastCalledWith('ln');
  });

  it('never lets the last network be unticked', () => {
    const onCommit = vi.fn();
    render(<SettingControl setting={settingFor('variants')} value="bn" onCommit={onCommit} />);
    const only = screen.getByRole('checkbox', { name: 'With BN' }) as HTMLInputElement;
    expect(only.disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'LayerNorm' }) as HTMLInputElement).disabled).toBe(false);
  });
});
