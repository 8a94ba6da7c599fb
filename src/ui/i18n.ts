/**
 * Console language: Japanese first, English on `?lang=en` (remembered in a cookie). Text is kept
 * next to where it is shown as `t('日本語', 'English')`; shared vocabulary (statuses, verdicts,
 * actions, kinds) comes from the glossary (src/domain/glossary.ts), the same words every platform uses.
 */
import type { CaseAction } from '../domain/case.ts';
import {
  ACTION,
  ACTOR_PLATFORM,
  DELIVERY_KIND,
  DELIVERY_STATUS,
  EVENT,
  NOTIFIER_PLATFORM,
  OBSERVABLE,
  RESOLUTION,
  ROLE,
  SCOPE,
  SEVERITY,
  SEVERITY_LABEL,
  SIGNAL_CATEGORY,
  SOURCE,
  STATUS,
  term,
  UNKNOWN,
} from '../domain/glossary.ts';
import type { Bilingual } from '../domain/detection.ts';
import { jst } from '../domain/format.ts';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Picks the text of the current language. */
export type T = (ja: string, en: string) => string;

/** @example translator('en')('案件', 'Cases') // 'Cases' */
export function translator(lang: Lang): T {
  return (ja, en) => (lang === 'en' ? en : ja);
}

const pick = (lang: Lang, b: Bilingual) => (lang === 'en' ? b.en : b.ja);

/** Glossary words in the current language (src/domain/glossary.ts: one name per thing everywhere). */
export const statusLabel = (lang: Lang, s: string) => pick(lang, term(STATUS, s));
export const verdictLabel = (lang: Lang, v: string) => pick(lang, term(SEVERITY, v));
export const resolutionLabel = (lang: Lang, r: string) => pick(lang, term(RESOLUTION, r));
/** The button: 「対応を開始する」. */
export const actionLabel = (lang: Lang, a: string) => pick(lang, Object.hasOwn(ACTION, a) ? ACTION[a as CaseAction].verb : term({}, a));
/** What was done: 「対応を開始しました」. */
export const actionDone = (lang: Lang, a: string) => pick(lang, Object.hasOwn(ACTION, a) ? ACTION[a as CaseAction].done : term({}, a));
export const eventLabel = (lang: Lang, e: string) => pick(lang, term(EVENT, e));
export const observableLabel = (lang: Lang, k: string) => pick(lang, term(OBSERVABLE, k));
export const categoryLabel = (lang: Lang, k: string) => pick(lang, term(SIGNAL_CATEGORY, k));
export const roleLabel = (lang: Lang, r: string) => pick(lang, term(ROLE, r));
export const scopeLabel = (lang: Lang, s: string) => pick(lang, term(SCOPE, s));
export const sourceLabel = (lang: Lang, s: string) => pick(lang, term(SOURCE, s));
export const actorPlatformLabel = (lang: Lang, p: string) => pick(lang, term(ACTOR_PLATFORM, p));
export const deliveryKindLabel = (lang: Lang, k: string) => pick(lang, term(DELIVERY_KIND, k));
export const deliveryStatusLabel = (lang: Lang, s: string) => pick(lang, term(DELIVERY_STATUS, s));
export const platformLabel = (lang: Lang, p: string) => pick(lang, term(NOTIFIER_PLATFORM, p));
export const unknownLabel = (lang: Lang) => pick(lang, UNKNOWN);
/** Who acted, as stored in the audit trail; intake records a reporter without a name as 'unknown'. */
export const actorName = (lang: Lang, a: { displayName: string }) => (a.displayName && a.displayName !== 'unknown' ? a.displayName : unknownLabel(lang));
/** 「重大度: 高」 */
export const severityText = (lang: Lang, v: string) => `${pick(lang, SEVERITY_LABEL)}: ${verdictLabel(lang, v)}`;

/**
 * The note after an action, in natural language with the case named:
 * 「KKN-000002 の対応を開始しました。」, 「KKN-000002 を「詐欺と確定」として解決しました。」.
 * Only glossary codes reach here (the redirect's query is checked against closed lists).
 */
export function actionDoneMessage(lang: Lang, ref: string, action: string, resolution?: string | null): string {
  const r = resolution && Object.hasOwn(RESOLUTION, resolution) ? RESOLUTION[resolution as keyof typeof RESOLUTION] : null;
  switch (action) {
    case 'acknowledge':
      return lang === 'en' ? `${ref} acknowledged.` : `${ref} の対応を開始しました。`;
    case 'investigate':
      return lang === 'en' ? `${ref} is under investigation.` : `${ref} の調査を開始しました。`;
    case 'resolve':
      if (r) return lang === 'en' ? `${ref} resolved: ${r.en.toLowerCase()}.` : `${ref} を「${r.ja}」として解決しました。`;
      return lang === 'en' ? `${ref} resolved.` : `${ref} を解決しました。`;
    case 'reopen':
      return lang === 'en' ? `${ref} reopened.` : `${ref} を再開しました。`;
    default:
      return lang === 'en' ? 'Done.' : '完了しました。';
  }
}

/** A bracketed aside: full-width in Japanese (「（経理部長）」), half-width with a space in English. */
export const paren = (lang: Lang, s: string) => (lang === 'en' ? ` (${s})` : `（${s}）`);

/** Times are shown in Japan time (the organisations kakunin serves), `2026-01-07 09:18 JST`, as on every card. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? jst(iso) : '—';
}
