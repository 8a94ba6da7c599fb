/**
 * `npm run deps:diagram`: regenerates the part diagram in docs/architecture.md from the import
 * graph (dependency-cruiser). test/architecture/dependencies.test.ts fails when the committed
 * diagram no longer matches the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cruise, diagramBlock, extractDiagram, partGraph } from './lib/part-graph.ts';

const file = path.resolve(import.meta.dirname, '../docs/architecture.md');
const doc = fs.readFileSync(file, 'utf8');
const current = extractDiagram(doc);
if (current === null) throw new Error(`${file} has no part-graph markers`);
const next = diagramBlock(partGraph(cruise()));
if (next === current) {
  console.log('docs/architecture.md: diagram is current');
} else {
  fs.writeFileSync(file, doc.replace(current, next));
  console.log('docs/architecture.md: diagram regenerated');
}
