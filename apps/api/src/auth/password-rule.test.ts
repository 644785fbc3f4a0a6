import { describe, expect, it } from 'vitest';
import { waitMinutes } from './login-throttle.js';
import { passwordProblem } from './password-rule.js';

describe('password rule', () => {
  it.each([
    ['Correct horse battery staple', null],
    ['déjà-vu été 2025', null],
    ['short', 'must have at least 10 characters'],
    ['AZERTYUIOP', 'is too common'],
    ['ababababababab', 'must use at least 4 different characters'],
    ['camille-the-birder', 'must not contain your username or e-mail address'],
    ['birds4camille@example.net', 'must not contain your username or e-mail address'],
  ])('%j → %s', (password, problem) => {
    expect(passwordProblem(password, { username: 'Camille', email: 'camille@example.net' })).toBe(
      problem,
    );
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('🐦🦋🐝🐞🐸🦊🦉')).toMatch(/at least 10/);
  });
});

describe('login throttle back-off', () => {
  it('waits from the fifth failure, doubling up to an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 30].map(waitMinutes)).toEqual([0, 0, 1, 2, 4, 32, 60, 60]);
  });
});
