/**
 * URL observables: links with a scheme and bare hosts ("line.me/ti/g/xxxx", "www.example.co.jp"),
 * canonicalised so the same link written two ways compares equal, and classified by service
 * (Chatwork group invites, LINE) and by brand lookalikes in the host (chatwork-verify.example.com).
 */
import { MAX_HITS_PER_KIND, isDigit, isLatin } from './chars.ts';
import type { ContactHit } from './contacts.ts';

/** Every RegExp of this file, for the ReDoS test. */
export const URL_REGEXES = {
  withScheme: /https?:\/\/[a-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi,
  hostLabelSplit: /[.-]/,
  scheme: /^[a-z][a-z0-9+.-]{0,20}:\/\//i,
} satisfies Record<string, RegExp>;

/** Top-level domains accepted for bare hosts (no scheme), to keep "e.g." and "1.5" out. */
const BARE_TLDS = new Set([
  'com', 'net', 'org', 'jp', 'io', 'me', 'ee', 'co', 'info', 'biz', 'xyz', 'top', 'app', 'dev', 'ly', 'cc', 'cn', 'hk',
  'sg', 'us', 'uk', 'ru', 'site', 'online', 'link', 'page', 'shop', 'club', 'tk', 'ml', 'ga', 'cf', 'gq', 'work', 'ink',
  'tokyo', 'asia', 'to', 'gl', 'gd', 'is', 'vip', 'live', 'cloud', 'icu', 'cyou', 'buzz', 'tv',
]);
const URL_CHARS = "-._~:/?#[]@!$&'()*+,;=%";
const TRAILING = ".,;:!?'\"";
const OFFICIAL: Record<string, readonly string[]> = {
  chatwork: ['chatwork.com', 'kubell.com', 'chatwork.jp'],
  line: ['line.me', 'lin.ee', 'line.naver.jp', 'linecorp.com', 'line-apps.com', 'line.biz'],
  microsoft: ['microsoft.com', 'microsoftonline.com', 'live.com', 'office.com', 'office365.com', 'sharepoint.com', 'onedrive.com', 'outlook.com', '1drv.ms'],
  google: ['google.com', 'google.co.jp', 'goo.gl', 'googleusercontent.com'],
  docusign: ['docusign.com', 'docusign.net'],
  dropbox: ['dropbox.com', 'db.tt'],
  apple: ['apple.com', 'icloud.com'],
};

/** Host labels that name a brand: such a label, off the brand's own domains, imitates it. */
const BRAND_LABELS: Record<string, readonly string[]> = {
  chatwork: ['chatwork', 'kubell'],
  line: ['line'],
  microsoft: ['microsoft', 'onedrive', 'sharepoint', 'office365', 'outlook', 'msonline'],
  google: ['google', 'gdrive'],
  docusign: ['docusign'],
  dropbox: ['dropbox'],
  apple: ['apple', 'icloud'],
};

function isUrlChar(c: number): boolean {
  return isDigit(c) || isLatin(c) || URL_CHARS.includes(String.fromCharCode(c));
}

function onDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Trims trailing punctuation, and ')' / ']' that close nothing inside the URL. */
function trimUrlEnd(s: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    const ch = s.charAt(e - 1);
    if (e > start && TRAILING.includes(ch)) e--;
    else if (e > start && (ch === ')' || ch === ']')) {
      const text = s.slice(start, e);
      const open = ch === ')' ? '(' : '[';
      if (text.split(open).length >= text.split(ch).length) break;
      e--;
    } else break;
  }
  return e;
}

/**
 * Canonical URL: lower-case scheme and host, default port dropped, fragment dropped, trailing '/'
 * dropped, path and query kept; a bare host gets 'https://'. Null when it does not parse.
 * Example: `canonicalUrl('HTTPS://LINE.me:443/ti/g/AbC/#x')` → `'https://line.me/ti/g/AbC'`.
 */
export function canonicalUrl(raw: string): { value: string; host: string; path: string } | null {
  const text = (raw ?? '').normalize('NFKC').trim();
  const withScheme = URL_REGEXES.scheme.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.hostname === '' || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  let pathEnd = url.pathname.length;
  while (pathEnd > 0 && url.pathname.charAt(pathEnd - 1) === '/') pathEnd--;
  const path = url.pathname.slice(0, pathEnd);
  return { value: `${url.protocol}//${url.host}${path}${url.search}`, host: url.hostname, path };
}

/** Service of a canonical host/path: Chatwork group invite, LINE, or other; plus a brand named in a non-official host. */
export function classifyUrl(host: string, path: string): { service: 'chatwork_invite' | 'line' | 'other'; brandLookalike: string | null } {
  const h = host.toLowerCase();
  if (onDomain(h, 'chatwork.com') && path.startsWith('/g/')) return { service: 'chatwork_invite', brandLookalike: null };
  if ((OFFICIAL.line ?? []).some((d) => onDomain(h, d))) return { service: 'line', brandLookalike: null };
  let brandLookalike: string | null = null;
  for (const [brand, domains] of Object.entries(OFFICIAL)) {
    if (domains.some((d) => onDomain(h, d))) continue;
    const labels = h.split(URL_REGEXES.hostLabelSplit);
    const names = BRAND_LABELS[brand] ?? [brand];
    // Chatwork and LINE also as a prefix ("chatworkverify"); the others as a whole label ("onedrive-share").
    const prefix = brand === 'chatwork' || brand === 'line';
    // A near miss of a long brand name ("docsign", "micros0ft", "onedirve") is dressed up as the brand too.
    if (labels.some((l) => names.some((n) => l === n || (prefix && l.startsWith(n)) || (n.length >= 6 && nearMiss(l, n))))) brandLookalike = brand;
  }
  return { service: 'other', brandLookalike };
}

/** One letter added, dropped, changed, or two neighbours swapped: "docsign"/"docusign", "onedirve"/"onedrive" (by hand, no regex). */
function nearMiss(label: string, brand: string): boolean {
  if (label === brand || Math.abs(label.length - brand.length) > 1) return false;
  let i = 0;
  while (i < label.length && i < brand.length && label.charCodeAt(i) === brand.charCodeAt(i)) i++;
  if (label.length === brand.length) {
    if (label.slice(i + 1) === brand.slice(i + 1)) return true; // one changed
    return i + 1 < label.length && label[i] === brand[i + 1] && label[i + 1] === brand[i] && label.slice(i + 2) === brand.slice(i + 2); // swapped
  }
  return label.length < brand.length ? label.slice(i) === brand.slice(i + 1) : label.slice(i + 1) === brand.slice(i);
}

function hit(s: string, start: number, end: number): ContactHit | null {
  const canonical = canonicalUrl(s.slice(start, end));
  if (!canonical) return null;
  const { service, brandLookalike } = classifyUrl(canonical.host, canonical.path);
  return { kind: 'url', start, end, value: canonical.value, details: { host: canonical.host, service, path: canonical.path, brandLookalike } };
}

/** Bare hosts: a run of host characters with a dot and a known TLD, not part of an e-mail or a longer URL, plus its path. */
function bareHosts(s: string, covered: (i: number) => boolean, out: ContactHit[]): void {
  for (let i = 0; i < s.length && out.length < MAX_HITS_PER_KIND; i++) {
    const c = s.charCodeAt(i);
    if (!(isLatin(c) || isDigit(c))) continue;
    const start = i;
    let k = i;
    let dot = -1;
    for (; k < s.length; k++) {
      const d = s.charCodeAt(k);
      if (d === 0x2e) dot = k;
      else if (!(isLatin(d) || isDigit(d) || d === 0x2d)) break;
    }
    i = k;
    // Most runs are plain words: without an inner dot there is no host (checked before any slicing).
    if (dot === -1) continue;
    const prev = start > 0 ? s.charAt(start - 1) : '';
    if (prev === '@' || prev === '/' || prev === '.' || prev === ':' || covered(start)) continue;
    let hostEnd = k;
    while (hostEnd > start && (s.charAt(hostEnd - 1) === '.' || s.charAt(hostEnd - 1) === '-')) hostEnd--;
    const host = s.slice(start, hostEnd).toLowerCase();
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (!host.includes('.') || !BARE_TLDS.has(tld) || s.charAt(hostEnd) === '@') continue;
    let end = hostEnd;
    if (s.charAt(hostEnd) === '/' || (s.charAt(hostEnd) === ':' && isDigit(s.charCodeAt(hostEnd + 1)))) {
      end = hostEnd + 1;
      while (end < s.length && end - start < 2000 && isUrlChar(s.charCodeAt(end))) end++;
      end = trimUrlEnd(s, start, end);
    }
    const h = hit(s, start, end);
    if (h) out.push(h);
    i = end;
  }
}

/** URLs in `s` (with a scheme, or bare hosts with a known TLD). */
export function findUrls(s: string): ContactHit[] {
  const out: ContactHit[] = [];
  for (const m of s.matchAll(URL_REGEXES.withScheme)) {
    if (out.length >= MAX_HITS_PER_KIND) break;
    const h = hit(s, m.index, trimUrlEnd(s, m.index, m.index + m[0].length));
    if (h) out.push(h);
  }
  const schemeSpans = out.map((h) => [h.start, h.end] as const);
  if (s.includes('.')) bareHosts(s, (i) => schemeSpans.some(([a, b]) => a <= i && i < b), out);
  return out.sort((a, b) => a.start - b.start);
}
