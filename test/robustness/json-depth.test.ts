import { describe, expect, it } from 'vitest';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../src/http/json-depth.ts';

describe('jsonTooDeep', () => {
  it('counts nesting of arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonTooDeep('[[[1]]]', 2)).toBe(true);
    expect(jsonTooDeep('[[[1]]]', 3)).toBe(false);
    expect(jsonTooDeep('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonTooDeep(`{"s":"${'['.repeat(1000)}"}`, 2)).toBe(false);
    expect(jsonTooDeep(`{"s":"\\"${'{'.repeat(10)}"}`, 2)).toBe(false);
    expect(jsonTooDeep(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe(false);
    expect(jsonTooDeep(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toBe(true);
    // Sequential (not nested) containers never add up.
    expect(jsonTooDeep(`[${'[1],'.repeat(10_000)}[1]]`, 2)).toBe(false);
  });
});
