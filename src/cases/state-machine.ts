/**
 * Case life: `new → acknowledged → investigating → resolved`, and `reopen` from resolved. Pure:
 * says where an action leads from a status, or why it cannot.
 *
 * | action      | allowed from                         | to            |
 * |-------------|--------------------------------------|---------------|
 * | acknowledge | new                                  | acknowledged  |
 * | investigate | new, acknowledged                    | investigating |
 * | resolve     | new, acknowledged, investigating     | resolved      |
 * | reopen      | resolved                             | acknowledged  |
 */
import type { CaseAction, CaseStatus } from '../domain/case.ts';

const RULES: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  investigate: { from: ['new', 'acknowledged'], to: 'investigating' },
  resolve: { from: ['new', 'acknowledged', 'investigating'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'acknowledged' },
};

export type Transition = { ok: true; to: CaseStatus } | { ok: false; to: CaseStatus; allowedFrom: readonly CaseStatus[] };

/** Where `action` leads from `status`. @example nextStatus('new', 'acknowledge') // {ok: true, to: 'acknowledged'} */
export function nextStatus(status: CaseStatus, action: CaseAction): Transition {
  const rule = RULES[action];
  return rule.from.includes(status) ? { ok: true, to: rule.to } : { ok: false, to: rule.to, allowedFrom: rule.from };
}
