/** The test's definition of "inert" card text (what escape.ts promises). */
import { ZWSP } from '../../adapters/teams/escape.ts';

/** Why `s` could still format or link in Teams, or null when it is inert. */
export function activeMarkup(s: string): string | null {
  const plain = s.replaceAll(ZWSP, '\u0000'); // a ZWSP breaks a token: treat it as a separator
  if (/[*_~`#<>[\](){}|\\]/.test(plain)) return `markdown/HTML punctuation in ${JSON.stringify(s.slice(0, 60))}`;
  if (/:\/\//.test(plain)) return 'a URL scheme';
  if (/[\p{L}\p{N}]@[\p{L}\p{N}]/u.test(plain)) return 'an e-mail address';
  if (/[\p{L}\p{N}][.．][\p{L}\p{N}]/u.test(plain)) return 'a domain';
  if (/^[ \t]*([-+]|\d+[.)])([ \t]|$)/m.test(plain)) return 'a list marker';
  if (/^[ \t]*[-=]{2,}[ \t]*$/m.test(plain)) return 'a rule or heading underline';
  if (/[\u202A-\u202E\u2066-\u2069]/.test(plain)) return 'a bidi control';
  return null;
}

