/**
 * CaseCard → Adaptive Card 1.5 JSON (Teams renders no higher). Pure: no SDK, no I/O, so every
 * card the code can produce is easy to validate in tests. Shows the same things as the Slack
 * card; every TextBlock wraps; every piece of hostile text goes through `escape.ts` and is cut to
 * fit Teams' ~28 KB message limit. Buttons are Universal Actions (`Action.Execute`) whose verbs
 * the bot maps back to case actions with `VERBS`.
 */
import type { CaseAction, Resolution } from '../../src/domain/case.ts';
import type { Bilingual } from '../../src/domain/detection.ts';
import type { CaseCard } from '../../src/domain/notifier.ts';
import { cardParagraphs, escapeCardText, fitCardText } from './escape.ts';
import { ACTOR_PLATFORM, term } from '../../src/domain/glossary.ts';
import { ACTION_DONE, both, formatAge, formatTime, L, OBSERVABLE, RESOLUTION, SEVERITY, SEVERITY_STYLE, STATUS } from './labels.ts';

/** What an `Action.Execute` verb does to a case. `case.refresh` only reads. */
export const VERBS = {
  'case.acknowledge': { action: 'acknowledge', resolution: null },
  'case.resolve.fraud': { action: 'resolve', resolution: 'fraud_confirmed' },
  'case.resolve.false_positive': { action: 'resolve', resolution: 'false_positive' },
} as const satisfies Record<string, { action: CaseAction; resolution: Resolution | null }>;
export type CaseVerb = keyof typeof VERBS;
export const REFRESH_VERB = 'case.refresh';

/** Content type of an Adaptive Card attachment and of an invoke response carrying one. */
export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Output limits (characters after escaping); together they keep a card far below 28 KB. */
export const LIMITS = { message: 1500, name: 120, signals: 10, evidence: 3, evidenceText: 80, observables: 12, observable: 120, linked: 5 } as const;

/** An Adaptive Card element or action: JSON, typed loosely on purpose (it is a wire format). */
export type AcJson = Record<string, unknown>;

/** Options for one rendering. `notice` is shown on top as given (e.g. "X acted first"): escape any hostile part. */
export interface TeamsCardOptions {
  notice?: Bilingual | null;
}

const text = (t: string, extra: AcJson = {}): AcJson => ({ type: 'TextBlock', text: t, wrap: true, ...extra });
const heading = (b: Bilingual): AcJson => text(both(b), { weight: 'Bolder', spacing: 'Medium', separator: true });
const fact = (title: Bilingual, value: string): AcJson => ({ title: both(title), value });

/** The buttons that still make sense for a case in this status. */
export function verbsFor(status: CaseCard['status']): CaseVerb[] {
  if (status === 'new') return ['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive'];
  if (status === 'acknowledged' || status === 'investigating') return ['case.resolve.fraud', 'case.resolve.false_positive'];
  return [];
}

const BUTTON: Record<CaseVerb, { title: Bilingual; style?: 'positive' | 'destructive' }> = {
  'case.acknowledge': { title: L.acknowledge, style: 'positive' },
  'case.resolve.fraud': { title: L.fraud, style: 'destructive' },
  'case.resolve.false_positive': { title: L.falsePositive },
};

/** "👀 確認中 / Acknowledged — 山田 (teams) 2026-01-07 09:00 JST". */
export function statusLine(card: CaseCard): string {
  const s = STATUS[card.status];
  const res = card.status === 'resolved' && card.resolution ? RESOLUTION[card.resolution] : null;
  const head = res ? `${s.ja}: ${res.ja} / ${s.en}: ${res.en}` : both(s);
  const a = card.lastAction;
  if (!a) return head;
  const done = term(ACTION_DONE, a.action);
  const where = term(ACTOR_PLATFORM, a.actor.platform);
  const who = fitCardText(a.actor.displayName, LIMITS.name);
  return `${head} — ${done.ja}: ${who}（${where.ja}）/ ${done.en} by ${who} (${where.en}), ${formatTime(a.at)}`;
}

function facts(card: CaseCard): AcJson {
  const out: AcJson[] = [];
  const who = card.impersonated;
  if (who) {
    const role = [who.role, who.company].filter(Boolean).join(', ');
    out.push(fact(L.impersonating, fitCardText(role ? `${who.name}（${role}）` : who.name, LIMITS.name * 2)));
  }
  const s = card.sender;
  const senderParts = [
    s.name ? fitCardText(s.name, LIMITS.name) : both(L.unknown),
    s.accountId !== null ? `ID ${s.accountId}` : null,
    both(s.inLedger ? L.senderInLedger : L.senderNotInLedger),
  ].filter(Boolean);
  out.push(fact(L.sender, senderParts.join(' · ')));
  out.push(fact(L.contactAge, formatAge(s.contactAgeMinutes)));
  const verify = who ? [who.verifyWith.phone, who.verifyWith.email].filter((v): v is string => Boolean(v)) : [];
  if (verify.length > 0) out.push(fact(L.verifyWith, fitCardText(verify.join(' / '), LIMITS.name * 2)));
  out.push(fact(L.reports, `${card.reportCount} 件（${card.reporterCount} 人）/ ${card.reportCount} from ${card.reporterCount} people`));
  out.push(fact(L.status, statusLine(card)));
  return { type: 'FactSet', facts: out };
}

function signalBlocks(card: CaseCard): AcJson[] {
  if (card.signals.length === 0) return [];
  const shown = card.signals.slice(0, LIMITS.signals).map(function signalLine(sig) {
    const ev = sig.evidence
      .slice(0, LIMITS.evidence)
      .map((e) => `「${fitCardText(e.text, LIMITS.evidenceText)}」`)
      .join(' ');
    return text(`**${escapeCardText(both(sig.title))}**${ev ? ` — ${ev}` : ''}`, { spacing: 'Small' });
  });
  const more = card.signals.length - LIMITS.signals;
  if (more > 0) shown.push(text(`${both(L.truncated)}: ${more}`, { isSubtle: true, spacing: 'Small' }));
  return [heading(L.signals), ...shown];
}

function observableBlocks(card: CaseCard): AcJson[] {
  if (card.observables.length === 0) return [];
  const rows = card.observables.slice(0, LIMITS.observables).map(function observableFact(o) {
    const ledger = o.inLedger === null ? '' : ` （${both(o.inLedger ? L.inLedger : L.notInLedger)}）`;
    return fact(OBSERVABLE[o.kind], `${fitCardText(o.display, LIMITS.observable)}${ledger}`);
  });
  const more = card.observables.length - LIMITS.observables;
  if (more > 0) rows.push(fact(L.truncated, String(more)));
  return [heading(L.observables), { type: 'FactSet', facts: rows }];
}

function linkedBlocks(card: CaseCard): AcJson[] {
  if (card.linkedCases.length === 0) return [];
  const lines = card.linkedCases.slice(0, LIMITS.linked).map((l) => {
    const res = l.resolution ? `: ${both(RESOLUTION[l.resolution])}` : '';
    return `${l.ref} — ${both(l.reason)} — ${both(STATUS[l.status])}${res}`;
  });
  const more = card.linkedCases.length - LIMITS.linked;
  if (more > 0) lines.push(`${both(L.truncated)}: ${more}`);
  return [heading(L.linked), ...lines.map((l) => text(escapeCardText(l), { spacing: 'Small' }))];
}

function actions(card: CaseCard): AcJson[] {
  const buttons: AcJson[] = verbsFor(card.status).map((verb) => ({
    type: 'Action.Execute',
    title: both(BUTTON[verb].title),
    verb,
    data: { caseRef: card.ref },
    ...(BUTTON[verb].style ? { style: BUTTON[verb].style } : {}),
  }));
  buttons.push({ type: 'Action.OpenUrl', title: both(L.open), url: card.url });
  return buttons;
}

/**
 * The Adaptive Card for a case.
 * @example buildTeamsCard(card).actions[0] // {type: 'Action.Execute', verb: 'case.acknowledge', data: {caseRef: 'KKN-000001'}, …}
 */
export function buildTeamsCard(card: CaseCard, opts: TeamsCardOptions = {}): AcJson & { body: AcJson[]; actions: AcJson[] } {
  const sev = SEVERITY[card.severity];
  const body: AcJson[] = [
    {
      type: 'Container',
      style: SEVERITY_STYLE[card.severity],
      bleed: true,
      items: [
        text(both(L.title), { size: 'Medium', weight: 'Bolder' }),
        text(`${card.ref} · ${L.severity.ja}: ${sev.ja} / ${L.severity.en}: ${sev.en} · スコア / score ${Math.round(card.score)}`, { spacing: 'Small' }),
      ],
    },
  ];
  if (opts.notice) body.push({ type: 'Container', style: 'warning', items: [text(both(opts.notice), { weight: 'Bolder' })] });
  body.push(facts(card));
  const sent = card.message.sentAt ? ` — ${formatTime(card.message.sentAt)}` : '';
  body.push(heading({ ja: `${L.message.ja}${sent}`, en: L.message.en }));
  body.push({ type: 'Container', style: 'emphasis', items: [text(cardParagraphs(fitCardText(card.message.body, LIMITS.message)) || '—')] });
  body.push(...signalBlocks(card), ...observableBlocks(card), ...linkedBlocks(card));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    refresh: { action: { type: 'Action.Execute', title: both(L.refresh), verb: REFRESH_VERB, data: { caseRef: card.ref } } },
    body,
    actions: actions(card),
  };
}

/** The card as a message attachment. */
export function cardAttachment(card: CaseCard, opts: TeamsCardOptions = {}): { contentType: string; content: AcJson } {
  return { contentType: ADAPTIVE_CARD_TYPE, content: buildTeamsCard(card, opts) };
}
