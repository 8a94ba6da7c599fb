/**
 * The demo's data (examples/demo/): a ledger, labelled sample reports and the actions a responder
 * takes, each at a time of its own. The files carry fixed dates; `timeline` moves them by whole
 * days so the last event is today, keeping every time of day (messages arrive in office hours).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CASE_ACTIONS, RESOLUTIONS } from '../domain/case.ts';
import type { Directory } from '../domain/directory.ts';
import { readDirectoryFile } from '../ledger/file.ts';

/** examples/demo in this checkout. */
export const DEMO_DATA_DIR = path.resolve(import.meta.dirname, '../../examples/demo');

const isoSchema = z.iso.datetime({ offset: true });

/**
 * One line of reports.jsonl: `report` is exactly the body of `POST /api/reports` (docs/formats.md);
 * the rest says what the line shows and when it arrives. Same shape as the corpus, so `kakunin
 * detect --input examples/demo/reports.jsonl` reads it too.
 */
export const demoReportLineSchema = z.object({
  id: z.string().min(1),
  label: z.enum(['fraud', 'benign']),
  category: z.string().min(1),
  /** What the line demonstrates (English / 日本語). */
  comment: z.string().min(1),
  /** When kakunin receives it. */
  at: isoSchema,
  report: z.record(z.string(), z.unknown()),
});
export type DemoReportLine = z.infer<typeof demoReportLineSchema>;

/** One entry of actions.json: what a responder does to the case of report `report`, and when. */
export const demoActionSchema = z.object({
  at: isoSchema,
  report: z.string().min(1),
  action: z.enum(CASE_ACTIONS),
  resolution: z.enum(RESOLUTIONS).optional(),
  note: z.string().nullable().optional(),
});
export type DemoAction = z.infer<typeof demoActionSchema>;

export interface DemoData {
  directory: Directory;
  reports: DemoReportLine[];
  actions: DemoAction[];
}

/** Reads and checks the three files; an error names the file and the line. */
export function readDemoData(dir: string = DEMO_DATA_DIR): DemoData {
  const directory = readDirectoryFile(path.join(dir, 'directory.json'));
  const reportsFile = path.join(dir, 'reports.jsonl');
  const reports = fs
    .readFileSync(reportsFile, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      const parsed = demoReportLineSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${reportsFile}:${line}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
  const actionsFile = path.join(dir, 'actions.json');
  const actions = z.array(demoActionSchema).parse(JSON.parse(fs.readFileSync(actionsFile, 'utf8')));
  const ids = new Set(reports.map((r) => r.id));
  for (const a of actions) if (!ids.has(a.report)) throw new Error(`${actionsFile}: no report ${a.report}`);
  return { directory, reports, actions };
}

const DAY_MS = 86_400_000;

/** One step of the demo, in time order. */
export type DemoEvent = { at: Date; kind: 'report'; line: DemoReportLine } | { at: Date; kind: 'action'; action: DemoAction };

/**
 * Every report and action in time order, moved by whole days so the last one falls within the day
 * before `now`. The report bodies' own times (message.sentAt, context.contactApprovedAt) move too,
 * so "a contact approved 20 minutes before" stays that.
 */
export function timeline(data: DemoData, now: Date): DemoEvent[] {
  const events: DemoEvent[] = [
    ...data.reports.map((line) => ({ at: new Date(line.at), kind: 'report' as const, line })),
    ...data.actions.map((action) => ({ at: new Date(action.at), kind: 'action' as const, action })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (events.length === 0) return [];
  const last = events.at(-1)!.at.getTime();
  const shift = Math.floor((now.getTime() - last) / DAY_MS) * DAY_MS;
  const move = (iso: unknown) => (typeof iso === 'string' && isoSchema.safeParse(iso).success ? new Date(new Date(iso).getTime() + shift).toISOString() : iso);
  return events.map((e) => {
    const at = new Date(e.at.getTime() + shift);
    if (e.kind === 'action') return { ...e, at };
    const report = structuredClone(e.line.report) as { message?: { sentAt?: unknown }; context?: { contactApprovedAt?: unknown } | null };
    if (report.message) report.message.sentAt = move(report.message.sentAt);
    if (report.context) report.context.contactApprovedAt = move(report.context.contactApprovedAt);
    return { ...e, at, line: { ...e.line, at: at.toISOString(), report: report as Record<string, unknown> } };
  });
}
