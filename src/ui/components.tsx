/** Small pieces shared by console pages. Every value is rendered through JSX, so it is escaped. */
import type { Child } from 'hono/jsx';
import { formatTime, paren, resolutionLabel, severityText, statusLabel, verdictLabel, type Lang } from './i18n.ts';

/**
 * After a person's name: the e-mail and issuer of an SSO identity, as the audit trail recorded
 * them (「（yamada@example.co.jp · SSO: https://login.example/）」); nothing for other actors.
 */
export function SsoIdentity(p: { lang: Lang; who: { email?: string | null; issuer?: string | null } }) {
  if (!p.who.issuer) return null;
  const parts = [p.who.email, `SSO: ${p.who.issuer}`].filter((x): x is string => !!x);
  return <span class="sso-identity">{paren(p.lang, parts.join(' · '))}</span>;
}

/** The hidden CSRF field every form carries. */
export function Csrf(p: { token: string }) {
  return <input type="hidden" name="_csrf" value={p.token} />;
}

/** 「重大度: 高」; `bare` (a table column headed 重大度) shows the level alone. */
export function SeverityBadge(p: { lang: Lang; severity: string; bare?: boolean }) {
  return <span class={`badge sev-${p.severity}`}>{p.bare ? verdictLabel(p.lang, p.severity) : severityText(p.lang, p.severity)}</span>;
}

export function StatusBadge(p: { lang: Lang; status: string; resolution?: string | null }) {
  return (
    <span class={`badge st-${p.status}`}>
      {statusLabel(p.lang, p.status)}
      {p.resolution ? ` · ${resolutionLabel(p.lang, p.resolution)}` : ''}
    </span>
  );
}

export function Time(p: { at: string | null | undefined }) {
  return p.at ? <time datetime={p.at}>{formatTime(p.at)}</time> : <span>—</span>;
}

/** A message box: ok, err or warn. */
export function Flash(p: { kind: 'ok' | 'err' | 'warn'; children?: Child }) {
  return (
    <div class={`flash ${p.kind}`} role={p.kind === 'err' ? 'alert' : 'status'}>
      {p.children}
    </div>
  );
}

/**
 * A console table that scrolls sideways on small screens: one header row of `head` cells (an empty
 * string for a column without a title, such as the buttons), then `children` as the body rows.
 * `nowrap` keeps names on one line (the table scrolls instead of breaking 「髙嶋 宗一郎」 into a
 * character per line on a phone).
 * @example <DataTable id="tokens" head={[t('名前', 'Name'), '']}>{rows}</DataTable>
 */
export function DataTable(p: { id?: string; head: Child[]; children?: Child; nowrap?: boolean }) {
  return (
    <div class="table-wrap">
      <table id={p.id} class={p.nowrap ? 'nowrap' : undefined}>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{p.children}</tbody>
      </table>
    </div>
  );
}
