/**
 * The one-way house (issue 17): dependency-cruiser's rules in .dependency-cruiser.cjs hold for
 * src/, adapters/ and rules/; the part graph (each folder or file of src/ and adapters/, and
 * rules/) has no cycle; docs/architecture.md shows the current graph. A fixture tree that breaks
 * every rule proves each rule can fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cruise, diagramBlock, extractDiagram, partCycles, partGraph, type CruiseResult } from '../../scripts/lib/part-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/layering');

const RULES = [
  'no-circular',
  'domain-imports-nothing',
  'detection-no-io',
  'detection-not-rules',
  'adapter-not-adapter',
  'schema-imports-domain-only',
  'core-not-adapters',
  'nothing-imports-the-root',
];

function describeViolations(result: CruiseResult): string[] {
  return result.summary.violations.map((v) =>
    v.rule.name === 'no-circular' && v.cycle ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
  );
}

describe('the import graph of kakunin', () => {
  let result: CruiseResult;
  beforeAll(() => {
    result = cruise();
  }, 120_000);

  it('breaks none of the dependency-cruiser rules (the message names the rule)', () => {
    expect(result.modules.length).toBeGreaterThan(200);
    expect(describeViolations(result)).toEqual([]);
  });

  it('has no cycle between parts', () => {
    const graph = partGraph(result);
    expect(graph.get('src/runtime')).toContain('src/registry');
    expect(partCycles(graph)).toEqual([]);
  });

  it('is the graph drawn in docs/architecture.md (npm run deps:diagram redraws it)', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    expect(extractDiagram(doc)).toBe(diagramBlock(partGraph(result)));
  });
});

describe('the rules themselves', () => {
  it('each catch their violation in a fixture tree that breaks them all', () => {
    const result = cruise({ cwd: FIXTURE, config: path.join(ROOT, '.dependency-cruiser.cjs'), dirs: ['src', 'adapters', 'rules', 'test'] });
    const names = new Set(result.summary.violations.map((v) => v.rule.name));
    expect([...names].sort()).toEqual([...RULES].sort());
    // Tests may import anything: the fixture's test file imports across every line and is not reported.
    expect(result.summary.violations.filter((v) => v.from.startsWith('test/'))).toEqual([]);
  }, 120_000);

  it('finds cycles between parts that no module-level cycle shows', () => {
    const result = cruise({ cwd: FIXTURE, config: path.join(ROOT, '.dependency-cruiser.cjs'), dirs: ['src', 'adapters', 'rules'] });
    expect(partCycles(partGraph(result))).toContainEqual(['src/cases', 'src/delivery']);
  }, 120_000);
});
