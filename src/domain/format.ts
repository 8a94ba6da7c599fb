/**
 * Times and durations as every card shows them (Slack, Teams, Chatwork): Japanese first, for
 * readers in Japan, so times are Tokyo wall-clock time.
 */

const JST = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * An ISO time as Tokyo wall-clock time.
 * @example jst('2026-01-07T00:20:00Z') // '2026-01-07 09:20 JST'
 */
export function jst(iso: string | null | undefined): string {
  if (!iso) return '不明 / unknown';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${JST.format(new Date(t))} JST` : '不明 / unknown';
}

/**
 * How long before the message the sender became a contact.
 * @example contactAge(12) // '12分 / 12 min'
 */
export function contactAge(minutes: number | null): string {
  if (minutes === null || minutes < 0) return '不明 / unknown';
  if (minutes < 120) return `${minutes}分 / ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}時間 / ${hours} h`;
  const days = Math.round(minutes / 1440);
  return `${days}日 / ${days} days`;
}
