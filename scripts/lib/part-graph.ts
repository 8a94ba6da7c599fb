/**
 * The part-level import graph, from dependency-cruiser's JSON: each folder or file directly under
 * src/ or adapters/ is one part, rules/ is one. Used by test/architecture/dependencies.test.ts
 * (the part graph has no cycle) and by `npm run deps:diagram` (the picture in docs/architecture.md).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The slice of dependency-cruiser's JSON output read here. */
export interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { rule: { name: string; severity: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs dependency-cruiser over `dirs` (relative to `cwd`) with `config`; exit status ignored, violations are in the JSON. */
export function cruise(opts: { cwd?: string; config?: string; dirs?: string[] } = {}): CruiseResult {
  const cwd = opts.cwd ?? ROOT;
  const config = opts.config ?? path.join(ROOT, '.dependency-cruiser.cjs');
  const args = [CLI, '--config', config, '--output-type', 'json', '--no-progress', ...(opts.dirs ?? ['src', 'adapters', 'rules'])];
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // Exit status 1..n is the number of errors; the JSON is still on stdout.
    const e = err as { stdout?: string; stderr?: string };
    if (!e.stdout) throw new Error(`dependency-cruiser failed: ${e.stderr ?? String(err)}`, { cause: err });
    out = e.stdout;
  }
  return JSON.parse(out) as CruiseResult;
}

/** The part a file belongs to, or null for files outside src/, adapters/ and rules/ (and tests). */
export function partOf(file: string): string | null {
  if (/\.test\.tsx?$/.test(file)) return null;
  const segs = file.split('/');
  if (segs[0] === 'rules') return 'rules';
  if ((segs[0] === 'src' || segs[0] === 'adapters') && segs.length >= 2) {
    return segs.length === 2 ? `${segs[0]}/${segs[1]!.replace(/\.[^.]+$/, '')}` : `${segs[0]}/${segs[1]}`;
  }
  return null;
}

/** Part → the parts it imports (type-only imports included), sorted. */
export type PartGraph = Map<string, string[]>;

/** Collapses the module graph to parts. */
export function partGraph(result: CruiseResult): PartGraph {
  const edges = new Map<string, Set<string>>();
  for (const m of result.modules) {
    const from = partOf(m.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const d of m.dependencies) {
      const to = partOf(d.resolved);
      if (to && to !== from) edges.get(from)!.add(to);
    }
  }
  return new Map([...edges].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

/** Strongly connected components with more than one part (Tarjan): the part-level cycles. */
export function partCycles(graph: PartGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  function visit(v: string): void {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) cycles.push(comp.sort());
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/**
 * The edges left after removing every edge implied by a longer path (transitive reduction of the
 * acyclic part graph): the picture keeps each arrow that is not already a path of others.
 */
export function reduceEdges(graph: PartGraph): [string, string][] {
  const reach = new Map<string, Set<string>>();
  function reachable(v: string): Set<string> {
    const known = reach.get(v);
    if (known) return known;
    const out = new Set<string>();
    reach.set(v, out);
    for (const w of graph.get(v) ?? []) {
      out.add(w);
      for (const x of reachable(w)) out.add(x);
    }
    return out;
  }
  const kept: [string, string][] = [];
  for (const [v, targets] of graph) {
    for (const w of targets) {
      const viaOther = targets.some((u) => u !== w && reachable(u).has(w));
      if (!viaOther) kept.push([v, w]);
    }
  }
  return kept;
}

/** Mermaid flowchart of the reduced part graph: an arrow A --> B means "A imports B". */
export function mermaid(graph: PartGraph): string {
  const nodes = new Set<string>(graph.keys());
  for (const targets of graph.values()) for (const t of targets) nodes.add(t);
  const id = (p: string): string => p.replace(/[^A-Za-z0-9]/g, '_');
  const lines = ['flowchart TB'];
  for (const n of [...nodes].sort()) lines.push(`  ${id(n)}["${n}"]`);
  for (const [a, b] of reduceEdges(graph)) lines.push(`  ${id(a)} --> ${id(b)}`);
  return lines.join('\n');
}

export const DIAGRAM_BEGIN = '<!-- part-graph:begin (npm run deps:diagram) -->';
export const DIAGRAM_END = '<!-- part-graph:end -->';

/** The fenced diagram block as it appears in docs/architecture.md. */
export function diagramBlock(graph: PartGraph): string {
  return `${DIAGRAM_BEGIN}\n\`\`\`mermaid\n${mermaid(graph)}\n\`\`\`\n${DIAGRAM_END}`;
}

/** The diagram block currently in a markdown text, or null. */
export function extractDiagram(markdown: string): string | null {
  const start = markdown.indexOf(DIAGRAM_BEGIN);
  const end = markdown.indexOf(DIAGRAM_END);
  return start < 0 || end < start ? null : markdown.slice(start, end + DIAGRAM_END.length);
}
