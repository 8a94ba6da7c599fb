/**
 * Checks a card with the official `adaptivecards` library (its browser bundle parses without a
 * DOM): every parse event (unknown element, unknown action, invalid property …) is returned, and
 * the structural rules kakunin promises are checked on the JSON itself.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; toJSON(): unknown };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { event: number; message: string } };
  Versions: { v1_5: unknown };
};

export interface CardProblems {
  events: string[];
  problems: string[];
}

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (o: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

const VERBS = new Set(['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive', 'case.refresh']);

/** Parse events from the library plus kakunin's own rules; both empty for a good card. */
export function checkCard(card: unknown): CardProblems {
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  new AC.AdaptiveCard().parse(card, ctx);
  const events: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i).message);

  const problems: string[] = [];
  const c = card as Json;
  if (c.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (c.version !== '1.5') problems.push(`version ${String(c.version)}`);
  walk(card, (o) => {
    if (o.type === 'TextBlock' && o.wrap !== true) problems.push(`TextBlock without wrap: ${String(o.text).slice(0, 40)}`);
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) {
      if (o.type !== 'Action.Execute' && o.type !== 'Action.OpenUrl') problems.push(`action ${o.type}`);
      if (o.type === 'Action.Execute') {
        if (!VERBS.has(String(o.verb))) problems.push(`verb ${String(o.verb)}`);
        const data = o.data as Json | undefined;
        if (!data || typeof data.caseRef !== 'string') problems.push('Action.Execute without data.caseRef');
      }
    }
  });
  return { events, problems };
}
