// core/errors.ts helpers: what was thrown as text, and did-you-mean.
import { describe, expect, it } from 'vitest';
import { didYouMean, errorMessage } from '../../core/errors.ts';

describe('errorMessage: what was thrown, as text', () => {
  it.each([
    [new Error('boom'), 'boom'],
    ['a thrown string', 'a thrown string'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%s', (thrown, text) => {
    expect(errorMessage(thrown)).toBe(text);
  });
});

describe('didYouMean', () => {
  it('suggests the nearest candidate, or nothing when none is near', () => {
    expect(didYouMean('emulater', ['emulator', 'inprocess'])).toBe('emulator');
    expect(didYouMean('zzzzzzzz', ['emulator', 'inprocess'])).toBeUndefined();
  });
});
