/**
 * A small subset of Unicode UTS #39 confusables: characters a fraudster can swap into a name or
 * keyword so it looks the same but compares different (Cyrillic "а" for Latin "a", カタカナ "カ" vs
 * 漢字 "力", "rn" for "m"). The table is deliberately short and hand-checked; it covers what is
 * cheap to type on Japanese and Russian/Greek keyboards, not the whole Unicode data file.
 */

/** Cyrillic and Greek letters that look like a Latin letter, folded to that (lowercase) Latin letter. */
const HOMOGLYPH_LATIN: Record<string, string> = {
  // Cyrillic lowercase
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't',
  'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
  'ѵ': 'v', 'ɡ': 'g',
  // Cyrillic uppercase
  'А': 'a', 'В': 'b', 'Е': 'e', 'Ё': 'e', 'К': 'k', 'М': 'm', 'Н': 'h', 'О': 'o', 'Р': 'p', 'С': 'c', 'Т': 't',
  'У': 'y', 'Х': 'x', 'Ѕ': 's', 'І': 'i', 'Ї': 'i', 'Ј': 'j', 'Һ': 'h', 'Ԛ': 'q', 'Ԝ': 'w', 'Ӏ': 'l',
  // Greek
  'α': 'a', 'ο': 'o', 'ν': 'v', 'ρ': 'p', 'ι': 'i', 'κ': 'k', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ε': 'e',
  'Α': 'a', 'Β': 'b', 'Ε': 'e', 'Ζ': 'z', 'Η': 'h', 'Ι': 'i', 'Κ': 'k', 'Μ': 'm', 'Ν': 'n', 'Ο': 'o',
  'Ρ': 'p', 'Τ': 't', 'Υ': 'y', 'Χ': 'x',
};

const HOMOGLYPH_CODES = new Map<number, number>(
  Object.entries(HOMOGLYPH_LATIN).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]),
);

/**
 * For `compact`: the lowercase Latin letter a Cyrillic/Greek code unit imitates, or -1.
 * Example: `homoglyphToLatin('Е'.charCodeAt(0))` (Cyrillic) → `'e'.charCodeAt(0)`.
 */
export function homoglyphToLatin(code: number): number {
  return HOMOGLYPH_CODES.get(code) ?? -1;
}

/**
 * Skeleton-only folds, applied after lowercasing: glyphs that are hard to tell apart in common
 * fonts even across scripts and case (I/l/1/|, O/0), and kana/kanji pairs (カ/力, エ/工, ロ/口 …).
 */
const SKELETON_EXTRA: Record<string, string> = {
  'i': 'l', '1': 'l', '|': 'l', 'ı': 'l', '0': 'o',
  '力': 'カ', '工': 'エ', '口': 'ロ', '二': 'ニ', '八': 'ハ', '卜': 'ト', '夕': 'タ', '一': 'ー', '才': 'オ',
  '匕': 'ヒ', 'へ': 'ヘ', 'べ': 'ベ', 'ぺ': 'ペ', '―': 'ー', '—': 'ー', '-': 'ー', '〇': 'o', '○': 'o',
};

/** Multi-letter lookalikes, replaced after single letters. */
const SKELETON_SEQUENCES: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['vv', 'w'],
];

/**
 * UTS #39-style skeleton: two strings with the same skeleton look alike. Case-insensitive and
 * deliberately aggressive (i, l, 1, I and | all fold to 'l'; 0 and o to 'o'; accents dropped);
 * compare skeletons, never show them. Example: `skeleton('Тaкashіma')` === `skeleton('TAKASHlMA')`.
 */
export function skeleton(s: string): string {
  const text = typeof s === 'string' ? s : '';
  const decomposed = text.normalize('NFKC').normalize('NFD');
  let out = '';
  for (const ch of decomposed) {
    const cp = ch.codePointAt(0) as number;
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) continue;
    const latin = HOMOGLYPH_LATIN[ch];
    const lower = latin ?? ch.toLowerCase();
    out += SKELETON_EXTRA[lower] ?? lower;
  }
  for (const [from, to] of SKELETON_SEQUENCES) out = out.split(from).join(to);
  return out.normalize('NFC');
}
