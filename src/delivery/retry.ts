/**
 * Retry policy of the outbox: exponential backoff with "equal jitter" (half fixed, half random),
 * capped. `random` is injected so tests know the exact delay.
 * @example backoffDelay(3, { baseDelayMs: 1000, maxDelayMs: 60000 }, () => 0) // 2000 (half of 4000)
 */
export function backoffDelay(attempt: number, policy: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
