/**
 * The page frame: header with navigation for the signed-in role, the language switch and
 * sign-out, and the console's CSS (inline, allowed by the response's CSP nonce; no external
 * files, no scripts). Responsive down to a phone.
 */
import type { Child } from 'hono/jsx';
import type { ConsoleSession } from '../auth/sessions.ts';
import { roleAllows } from './security.ts';
import { roleLabel, translator, type Lang } from './i18n.ts';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,"Hiragino Sans","Noto Sans JP","Yu Gothic",sans-serif;color:#1b1f24;background:#f4f5f7}
a{color:#0b57d0}
header{background:#1f2a44;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a{color:#fff;text-decoration:none}
header a.brand{font-weight:700;font-size:1.1rem;margin-right:.5rem}
header nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;flex:1}
header nav a[aria-current]{text-decoration:underline;text-underline-offset:4px}
header .who{display:flex;gap:.75rem;align-items:center;font-size:.9rem}
header form{margin:0}
header .chip{color:#1b1f24}
header button{background:none;border:1px solid #8a9bc4;color:#fff;border-radius:4px;padding:.1rem .6rem;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #d5d9e0;padding-bottom:.25rem}
section.card,.panel{background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e3e6eb;vertical-align:top}
th{font-size:.85rem;color:#4a5363;background:#f0f2f5}
.table-wrap{overflow-x:auto}
table.nowrap th,table.nowrap td{white-space:nowrap}
details.filter-box{margin:0 0 1rem}
details.filter-box>summary{cursor:pointer;font-weight:600;padding:.4rem 0}
form.quick-search{display:flex;gap:.5rem;margin:0 0 .5rem}
form.quick-search input{flex:1;min-width:0}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.8rem;font-weight:600;border:1px solid transparent;white-space:nowrap}
.sev-high{background:#fde2e1;color:#a50e0e;border-color:#f3b4b0}
.sev-medium{background:#fff1d6;color:#8a4b00;border-color:#f0cf8c}
.sev-low{background:#e7f0fe;color:#0b4aa2;border-color:#bcd2f7}
.sev-none{background:#eceff3;color:#4a5363}
.st-new{background:#a50e0e;color:#fff}
.st-acknowledged{background:#8a4b00;color:#fff}
.st-investigating{background:#5b3cc4;color:#fff}
.st-resolved{background:#1e6b34;color:#fff}
.message{white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere;font-family:inherit;background:#fbfbfc;border:1px solid #d5d9e0;border-left:4px solid #a50e0e;border-radius:6px;padding:.75rem;margin:.5rem 0}
mark{background:#ffe08a;border-bottom:2px solid #c98a00;padding:0 1px}
.muted{color:#5f6b7a;font-size:.9rem}
.hint{margin:.1rem 0 .3rem;font-size:.85rem}
.flash{padding:.6rem .8rem;border-radius:6px;margin:0 0 1rem;border:1px solid}
.flash.ok{background:#e6f4ea;border-color:#a8d5b5}
.flash.err{background:#fde2e1;border-color:#f3b4b0}
.flash.warn{background:#fff1d6;border-color:#f0cf8c}
form.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.actions form{display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-end;margin:0}
button,.button{font:inherit;background:#0b57d0;color:#fff;border:0;border-radius:6px;padding:.4rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#eceff3;color:#1b1f24;border:1px solid #c4cad3}
button.danger{background:#a50e0e}
button[disabled]{opacity:.5;cursor:not-allowed}
input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #b7bec9;border-radius:6px;background:#fff;max-width:100%}
textarea{width:100%;min-height:9rem}
label{display:block;font-size:.9rem;font-weight:600;margin:.5rem 0 .2rem}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.5rem;align-items:end}
.filters label{margin:0}
.filters input,.filters select{width:100%}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
.kv dt{color:#5f6b7a}
.kv dd{margin:0}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{border-left:3px solid #8a9bc4;padding:.25rem 0 .5rem .75rem;margin-left:.3rem}
.chip{display:inline-block;background:#eceff3;border-radius:4px;padding:0 .4rem;font-size:.85rem}
.yes{color:#1e6b34;font-weight:600}
.no{color:#a50e0e;font-weight:600}
.secret{font-family:ui-monospace,monospace;background:#fff1d6;padding:.5rem;border-radius:6px;word-break:break-all}
code{font-family:ui-monospace,monospace;font-size:.9em;background:#eceff3;padding:0 .3rem;border-radius:3px;word-break:break-all}
svg text{font:12px system-ui,sans-serif}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.pager{display:flex;gap:1rem;margin:1rem 0}
@media (max-width:700px){.grid2{grid-template-columns:1fr}main{padding:.5rem}th,td{padding:.3rem}header nav{order:3;flex-basis:100%}.hide-sm{display:none}}
`;

/** Navigation entries and the role each needs. */
const NAV: { href: string; ja: string; en: string; role: 'viewer' | 'responder' | 'admin' }[] = [
  { href: '/cases', ja: '案件', en: 'Cases', role: 'viewer' },
  { href: '/inbox', ja: '受信箱', en: 'Inbox', role: 'viewer' },
  { href: '/report', ja: '報告する', en: 'Report', role: 'viewer' },
  { href: '/ledger', ja: '台帳', en: 'Ledger', role: 'viewer' },
  { href: '/stats', ja: '指標', en: 'Metrics', role: 'viewer' },
  { href: '/export', ja: '書き出し', en: 'Export', role: 'viewer' },
  { href: '/admin', ja: '管理', en: 'Admin', role: 'admin' },
];

export interface LayoutProps {
  title: string;
  lang: Lang;
  nonce: string | undefined;
  session: ConsoleSession | null;
  /** Path (with query) of this page, for the language switch. */
  path: string;
  /** Which nav entry is current. */
  current?: string;
  children?: Child;
}

/** Swaps the `lang` parameter of a path. */
function withLang(path: string, lang: string): string {
  const u = new URL(path, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** The HTML document around every console page. */
export function Layout(p: LayoutProps) {
  const t = translator(p.lang);
  const other = p.lang === 'ja' ? 'en' : 'ja';
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${p.title} — kakunin`}</title>
        {/* Raw: JSX would escape the quotes in the font list, and the browser would drop the rule. */}
        <style nonce={p.nonce} dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <a class="brand" href={p.session ? '/cases' : '/'}>
            確認 kakunin
          </a>
          <nav aria-label={t('メニュー', 'Menu')}>
            {p.session
              ? NAV.filter((n) => roleAllows(p.session!.user.role, n.role)).map((n) => (
                  <a href={n.href} aria-current={p.current === n.href ? 'page' : undefined}>
                    {t(n.ja, n.en)}
                  </a>
                ))
              : null}
          </nav>
          <div class="who">
            <a href={withLang(p.path, other)} hreflang={other} lang={other}>
              {other === 'en' ? 'English' : '日本語'}
            </a>
            {p.session ? (
              <>
                <a href="/account" aria-current={p.current === '/account' ? 'page' : undefined} title={t('アカウント', 'Account')}>
                  {p.session.user.displayName} <span class="chip">{roleLabel(p.lang, p.session.user.role)}</span>
                </a>
                <form method="post" action="/signout">
                  <input type="hidden" name="_csrf" value={p.session.csrfToken} />
                  <button type="submit">{t('サインアウト', 'Sign out')}</button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        <main>{p.children}</main>
      </body>
    </html>
  );
}
