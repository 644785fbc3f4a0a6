import { describe, expect, it } from 'vitest';
import { waitMinutes } from './login-throttle.repository.js';
import { passwordProblem } from './password-rule.js';

describe('password rule', () => {
  it.each([
    ['Correct horse battery staple', null],
    ['déjà-vu été 2025', null],
    ['short', 'password.tooShort'],
    ['AZERTYUIOP', 'password.tooCommon'],
    ['ababababababab', 'password.tooFewCharacters'],
    ['camille-the-birder', 'password.personal'],
    ['birds4camille@example.net', 'password.personal'],
  ])('%j → %s', (password, code) => {
    const problem = passwordProblem(password, {
      username: 'Camille',
      email: 'camille@example.net',
    });
    expect(problem?.code ?? null).toBe(code);
    if (problem) expect(problem.errors.map((e) => e.field)).toEqual(['password']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('🐦🦋🐝🐞🐸🦊🦉')).toMatchObject({
      code: 'password.tooShort',
      params: { min: 10 },
    });
  });
});

describe('login throttle back-off', () => {
  it('waits from the fifth failure, doubling up to an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 30].map(waitMinutes)).toEqual([0, 0, 1, 2, 4, 32, 60, 60]);
  });
});
