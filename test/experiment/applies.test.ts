import { describe, expect, it } from 'vitest';
import { applies, figure1Title, saturates } from '../../src/experiment/applies.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { DATASETS, DEFAULT_CONFIG, SETTINGS, settingFor } from '../../src/experiment/settings.ts';

describe('applies', () => {
  it('applies every setting to the paper setup', () => {
    for (const setting of SETTINGS) expect(applies(setting, DEFAULT_CONFIG)).toEqual({ applies: true });
  });

  it('keeps Binary pixels for MNIST only, saying why on every other dataset', () => {
    const binarize = settingFor('binarize');
    for (const dataset of DATASETS) {
      const result = applies(binarize, { ...DEFAULT_CONFIG, dataset });
      if (dataset === 'mnist') expect(result.applies).toBe(true);
      else expect(result).toEqual({ applies: false, reason: expect.stringMatching(/MNIST only/) });
    }
    expect(applies(binarize, configForPreset('spiral'))).toEqual({
      applies: false,
      reason: 'Binary pixels is for MNIST only: the spiral is points in 2-D, not pixels.',
    });
  });

  it('keeps Init std for the gaussian init only, naming the scheme that replaces it', () => {
    const initStd = settingFor('initStd');
    expect(applies(initStd, { ...DEFAULT_CONFIG, initScheme: 'gaussian' }).applies).toBe(true);
    expect(applies(initStd, { ...DEFAULT_CONFIG, initScheme: 'he' })).toEqual({
      applies: false,
      reason: 'Init std is for the gaussian init only: He sets each layer\'s std from its fan-in.',
    });
    expect(applies(initStd, { ...DEFAULT_CONFIG, initScheme: 'xavier' })).toMatchObject({ applies: false, reason: expect.stringMatching(/Xavier/) });
  });

  it('hides on the spiral preset exactly the settings that do nothing there', () => {
    const spiral = configForPreset('spiral');
    expect(SETTINGS.filter((s) => !applies(s, spiral).applies).map((s) => s.key)).toEqual(['binarize', 'initStd']);
  });

  it('depends on nothing but the config it is given', () => {
    const config = { ...DEFAULT_CONFIG, dataset: 'xor' as const };
    expect(applies(settingFor('binarize'), config)).toEqual(applies(settingFor('binarize'), { ...config }));
    expect(config.dataset).toBe('xor');
  });
});

describe('saturates', () => {
  it('is true for sigmoid and tanh, false for ReLU and linear', () => {
    expect([saturates('sigmoid'), saturates('tanh'), saturates('relu'), saturates('linear')]).toEqual([true, true, false, false]);
  });
});

describe('figure1Title', () => {
  it('calls it the paper’s figure on MNIST and its setup on a toy dataset', () => {
    expect(figure1Title('mnist')).toBe('The paper’s Figure 1');
    expect(figure1Title('spiral')).toBe('Figure 1 setup on the spiral');
    expect(figure1Title('xor')).toBe('Figure 1 setup on XOR');
  });
});
