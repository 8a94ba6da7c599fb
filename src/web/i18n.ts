/**
 * Console language: Japanese first, English on `?lang=en` (remembered in a cookie). Text is kept
 * next to where it is shown as `t('日本語', 'English')`; shared vocabulary (statuses, verdicts,
 * actions) lives here.
 */
import type { CaseAction, CaseStatus, Resolution } from '../domain/case.ts';
import type { Verdict } from '../detection/types.ts';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Picks the text of the current language. */
export type T = (ja: string, en: string) => string;

/** @example translator('en')('案件', 'Cases') // 'Cases' */
export function translator(lang: Lang): T {
  return (ja, en) => (lang === 'en' ? en : ja);
}

const STATUS: Record<CaseStatus, [string, string]> = {
  new: ['新規', 'New'],
  acknowledged: ['対応中', 'Acknowledged'],
  investigating: ['調査中', 'Investigating'],
  resolved: ['解決済み', 'Resolved'],
};
const VERDICT: Record<Verdict, [string, string]> = {
  none: ['なし', 'None'],
  low: ['低', 'Low'],
  medium: ['中', 'Medium'],
  high: ['高', 'High'],
};
const RESOLUTION: Record<Resolution, [string, string]> = {
  fraud_confirmed: ['詐欺と確定', 'Fraud confirmed'],
  false_positive: ['誤検知', 'False positive'],
  benign: ['問題なし', 'Benign'],
  money_lost: ['被害あり（送金済み）', 'Money lost'],
};
const ACTION: Record<CaseAction, [string, string]> = {
  acknowledge: ['受け付ける', 'Acknowledge'],
  investigate: ['調査を開始', 'Investigate'],
  resolve: ['解決する', 'Resolve'],
  reopen: ['再開する', 'Reopen'],
};
const EVENT: Record<string, [string, string]> = {
  opened: ['案件作成', 'Opened'],
  report_added: ['報告追加', 'Report added'],
  acknowledge: ['受付', 'Acknowledged'],
  investigate: ['調査開始', 'Investigation started'],
  resolve: ['解決', 'Resolved'],
  reopen: ['再開', 'Reopened'],
  audit_keyed: ['監査記録を鍵で保護', 'Audit chain keyed'],
};

const pick = (lang: Lang, pair: [string, string] | undefined, fallback: string) => (pair ? (lang === 'en' ? pair[1] : pair[0]) : fallback);

export const statusLabel = (lang: Lang, s: string) => pick(lang, STATUS[s as CaseStatus], s);
export const verdictLabel = (lang: Lang, v: string) => pick(lang, VERDICT[v as Verdict], v);
export const resolutionLabel = (lang: Lang, r: string) => pick(lang, RESOLUTION[r as Resolution], r);
export const actionLabel = (lang: Lang, a: string) => pick(lang, ACTION[a as CaseAction], a);
export const eventLabel = (lang: Lang, e: string) => pick(lang, EVENT[e], e);

/** Times are shown in Japan time (the organisations kakunin serves), `2026-01-07 09:18`. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') + ' JST';
}
