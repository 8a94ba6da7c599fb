/**
 * Person-name comparison for impersonation checks: is the sender's display name the ledger name,
 * a lookalike of it (髙/高, 﨑/崎, a glued title, half-width katakana, Cyrillic letters), or neither?
 */
import { skeleton } from './confusables.ts';
import { foldKanjiVariants } from './kanji-variants.ts';

export { skeleton } from './confusables.ts';

/** Job titles and honorifics stripped from names (longest first so 代表取締役社長 goes before 社長). */
export const NAME_TITLES: readonly string[] = [
  '代表取締役社長', '代表取締役会長', '代表取締役', '取締役社長', '専務取締役', '常務取締役', '代表執行役', '代表社員',
  '副社長', '取締役', '本部長', '支店長', '理事長', '事務長', '執行役員', '社長', '会長', '代表', '専務', '常務',
  '部長', '課長', '係長', '主任', '室長', '所長', '院長', '先生', '税理士', 'president', 'ceo', 'cfo', 'coo',
  'cto', 'さま', 'さん', 'くん', 'ちゃん', '様', '氏', '殿', '君', 'mr', 'mrs', 'ms',
].sort((a, b) => b.length - a.length);

const TITLE_SET = new Set(NAME_TITLES);

/** Every RegExp of this file, for the ReDoS test. */
export const NAME_REGEXES = {
  bracketed: /[(\[【「『〈<][^()[\]【】「」『』〈〉<>]{0,30}[)\]】」』〉>]/g,
  separators: /[\s・·･_\-.,'"’‘`]+/g,
  whitespace: /\s+/g,
  latinWord: /^[a-z]/,
  invisible: /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g,
} satisfies Record<string, RegExp>;

function nfkcVisible(s: string): string {
  const text = typeof s === 'string' ? s : '';
  return text.normalize('NFKC').replace(NAME_REGEXES.invisible, '');
}

/** Removes titles given as separate words or glued to the end ("田中 一郎 社長", "田中一郎社長"). */
function stripTitles(s: string): string {
  const words = s.split(NAME_REGEXES.whitespace).filter((w) => w !== '' && !TITLE_SET.has(w.toLowerCase()));
  let joined = words.join(' ');
  if (joined === '') return s;
  for (let changed = true; changed; ) {
    changed = false;
    const lower = joined.toLowerCase();
    for (const title of NAME_TITLES) {
      // Latin titles only as separate words (handled above): "Tom" must keep its "m".
      if (NAME_REGEXES.latinWord.test(title)) continue;
      if (lower.endsWith(title) && joined.length > title.length) {
        joined = joined.slice(0, joined.length - title.length).trimEnd();
        changed = true;
        break;
      }
    }
  }
  return joined;
}

function katakanaToHiragana(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCharCode(c - 0x60) : s.charAt(k);
  }
  return out;
}

/**
 * Key for comparing person names: NFKC (width and half-width katakana folded), titles and
 * bracketed notes removed (「田中一郎(社長)」「田中 一郎 社長」), spaces and middle dots removed,
 * kanji variants folded (kanji-variants.ts), homoglyphs folded (`skeleton`), lowercase,
 * katakana → hiragana. Example: `nameKey('髙嶋 宗一郎（社長）') === nameKey('高島宗一郎')`.
 */
export function nameKey(name: string): string {
  const base = nfkcVisible(name);
  const unbracketed = base.replace(NAME_REGEXES.bracketed, ' ').trim();
  const stripped = stripTitles(unbracketed === '' ? base : unbracketed);
  const compacted = stripped.replace(NAME_REGEXES.separators, '');
  return katakanaToHiragana(skeleton(foldKanjiVariants(compacted)).toLowerCase());
}

/**
 * 'exact' when the NFKC'd names without whitespace are equal ("髙嶋 宗一郎" vs "髙嶋宗一郎");
 * 'lookalike' when their `nameKey`s are equal but the names are not ("高嶋 宗一郎", "髙嶋 宗一郎 社長",
 * "ﾀｶｼﾏ" vs "タカシマ"); 'none' otherwise or when either name is empty.
 */
export function compareNames(a: string, b: string): 'exact' | 'lookalike' | 'none' {
  const exactA = nfkcVisible(a).replace(NAME_REGEXES.whitespace, '');
  const exactB = nfkcVisible(b).replace(NAME_REGEXES.whitespace, '');
  if (exactA === '' || exactB === '') return 'none';
  if (exactA === exactB) return 'exact';
  const keyA = nameKey(a);
  return keyA !== '' && keyA === nameKey(b) ? 'lookalike' : 'none';
}
