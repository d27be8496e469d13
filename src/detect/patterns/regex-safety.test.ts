import { describe, expect, it } from 'vitest';
import { findUnsafeRegex } from './regex-safety.js';

describe('findUnsafeRegex', () => {
  it.each([
    ['(\\w+\\s?)+$', 'a repeated group with + inside'],
    ['(a*)*b', 'star inside star'],
    ['(?:x|(y+))+', 'unbounded quantifier in a nested group'],
    ['(\\d+,){2,}', 'open-ended braces around +'],
    ['(a)\\1', 'a backreference'],
  ])('refuses %s (%s)', (source) => {
    expect(findUnsafeRegex(source)).toBeDefined();
  });

  it.each([
    ['Failed to pull image "(?<ref>[^"]+)".*(: not found|manifest unknown)'],
    ['^Caused by: (?<exception>[a-z][a-z0-9_.$]*(Exception|Error))(: (?<detail>.*))?'],
    ['[0-9]+ Insufficient (?<resource>[a-z0-9./_-]*[a-z0-9])'],
    ['(ab|cd)*'],
    ['\\(\\w+\\)+'],
    ['[(]\\w+[)]+'],
  ])('accepts %s', (source) => {
    expect(findUnsafeRegex(source)).toBeUndefined();
  });
});
