/**
 * What a reminder says, Japanese first. Pure: built from the timer and the case, never from
 * reported (hostile) text, so adapters can show it as is after their usual escaping.
 */
import type { Bilingual } from '../domain/detection.ts';
import type { TimerKind } from '../db/schema/index.ts';
import { ACTION } from '../domain/glossary.ts';

/** "25分" / "25 min", "2時間5分" / "2 h 5 min". */
export function formatDuration(ms: number): Bilingual {
  const total = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return { ja: `${m}分`, en: `${m} min` };
  return { ja: m ? `${h}時間${m}分` : `${h}時間`, en: m ? `${h} h ${m} min` : `${h} h` };
}

/**
 * @example reminderText('ack_timeout', 'KKN-000001', 600_000)
 *   // { ja: 'KKN-000001 はだれも対応を開始しないまま10分が経過しました。…', en: 'KKN-000001 has not been acknowledged for 10 min. …' }
 */
export function reminderText(kind: TimerKind, ref: string, elapsedMs: number): Bilingual {
  const d = formatDuration(elapsedMs);
  switch (kind) {
    case 'ack_timeout':
    case 'renotify':
      return {
        ja: `${ref} はだれも対応を開始しないまま${d.ja}が経過しました。内容を確認し「${ACTION.acknowledge.verb.ja}」を押してください。`,
        en: `${ref} has not been acknowledged for ${d.en}. Please look at it and press ${ACTION.acknowledge.verb.en}.`,
      };
    case 'second_level':
      return {
        ja: `${ref} はだれも対応を開始しないまま${d.ja}が経過したため、上位の担当者にエスカレーションしました。`,
        en: `${ref} was not acknowledged for ${d.en} and has been escalated to the second level.`,
      };
    case 'unresolved':
      return {
        ja: `${ref} は対応中ですが、未解決のまま${d.ja}が経過しました。対応状況を更新してください。`,
        en: `${ref} was acknowledged but has stayed unresolved for ${d.en}. Please update it.`,
      };
  }
}
