/**
 * Romanised Japanese names: the ledger has 清水 健太郎 / シミズ ケンタロウ, a display name says
 * "Kentaro Shimizu" (or "Shimizu Kentarou", "SIMIZU KENTARO"). `kanaToRomaji` writes the reading in
 * Hepburn; `romajiKey` folds any romanisation to one key, so Hepburn, Kunrei and the usual long-vowel
 * spellings (ō / ou / oo / oh, ū / uu) of one reading compare equal.
 *
 * @example
 *   romajiKey(kanaToRomaji('ケンタロウ')) === romajiKey('Kentaro') // true
 *   romajiKey('Shimizu') === romajiKey('SIMIZU')                  // true
 */

const DIGRAPHS: Record<string, string> = {
  きゃ: 'kya', きゅ: 'kyu', きょ: 'kyo', しゃ: 'sha', しゅ: 'shu', しょ: 'sho', ちゃ: 'cha', ちゅ: 'chu', ちょ: 'cho',
  にゃ: 'nya', にゅ: 'nyu', にょ: 'nyo', ひゃ: 'hya', ひゅ: 'hyu', ひょ: 'hyo', みゃ: 'mya', みゅ: 'myu', みょ: 'myo',
  りゃ: 'rya', りゅ: 'ryu', りょ: 'ryo', ぎゃ: 'gya', ぎゅ: 'gyu', ぎょ: 'gyo', じゃ: 'ja', じゅ: 'ju', じょ: 'jo',
  びゃ: 'bya', びゅ: 'byu', びょ: 'byo', ぴゃ: 'pya', ぴゅ: 'pyu', ぴょ: 'pyo', ぢゃ: 'ja', ぢゅ: 'ju', ぢょ: 'jo',
  てぃ: 'ti', でぃ: 'di', ふぁ: 'fa', ふぃ: 'fi', ふぇ: 'fe', ふぉ: 'fo', うぃ: 'wi', うぇ: 'we', うぉ: 'wo', しぇ: 'she',
  じぇ: 'je', ちぇ: 'che', ゔぁ: 'va', ゔぃ: 'vi', ゔぇ: 've', ゔぉ: 'vo', とぅ: 'tu', どぅ: 'du',
};

const SINGLE: Record<string, string> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o', か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko', さ: 'sa', し: 'shi', す: 'su',
  せ: 'se', そ: 'so', た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to', な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho', ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo', や: 'ya', ゆ: 'yu',
  よ: 'yo', ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro', わ: 'wa', ゐ: 'i', ゑ: 'e', を: 'o', ん: 'n', が: 'ga', ぎ: 'gi',
  ぐ: 'gu', げ: 'ge', ご: 'go', ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo', だ: 'da', ぢ: 'ji', づ: 'zu', で: 'de',
  ど: 'do', ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo', ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po', ゔ: 'vu',
  ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o', ゃ: 'ya', ゅ: 'yu', ょ: 'yo', ゎ: 'wa',
};

/** Every RegExp of this file, for the ReDoS test. */
export const ROMAJI_REGEXES = {
  marks: /[\u0300-\u036f]/g,
  notLetter: /[^a-z]/g,
  words: /[^a-z\u00c0-\u024f]+/i,
} satisfies Record<string, RegExp>;

function toHiragana(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC')) {
    const c = ch.charCodeAt(0);
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCharCode(c - 0x60) : ch;
  }
  return out;
}

/** Hepburn romaji of a kana reading (katakana or hiragana; other characters are dropped). ー repeats the vowel. */
export function kanaToRomaji(kana: string): string {
  const h = toHiragana(kana ?? '');
  let out = '';
  let geminate = false;
  for (let i = 0; i < h.length; i++) {
    const ch = h.charAt(i);
    if (ch === 'っ') {
      geminate = true;
      continue;
    }
    if (ch === 'ー') {
      const vowel = out.charAt(out.length - 1);
      if ('aiueo'.includes(vowel) && vowel !== '') out += vowel;
      continue;
    }
    if (ch === ' ' || ch === '　') {
      out += ' ';
      continue;
    }
    const pair = DIGRAPHS[h.slice(i, i + 2)];
    let syllable = pair ?? SINGLE[ch];
    if (pair) i++;
    if (syllable === undefined) continue;
    if (geminate) {
      syllable = (syllable.startsWith('ch') ? 't' : syllable.charAt(0)) + syllable;
      geminate = false;
    }
    // ん before a vowel or y is written n' in Hepburn; the key drops the apostrophe anyway.
    out += syllable;
  }
  return out.trim();
}

/**
 * One key for any romanisation of a reading: lower-case letters only (diacritics dropped), Kunrei
 * and Hepburn folded (shi/si, chi/ti, tsu/tu, fu/hu, ji/zi, sha/sya …), long vowels shortened
 * (ou/oo/oh → o, uu → u, aa/ii/ee → one), m before b/p/m as n.
 */
export function romajiKey(s: string): string {
  let k = (s ?? '').normalize('NFKD').replace(ROMAJI_REGEXES.marks, '').toLowerCase().replace(ROMAJI_REGEXES.notLetter, '');
  k = k
    .replaceAll('tch', 'ch')
    .replaceAll('sh', 'sy')
    .replaceAll('ch', 'ty')
    .replaceAll('tsu', 'tu')
    .replaceAll('dzu', 'zu')
    .replaceAll('fu', 'hu')
    .replaceAll('ji', 'zi')
    .replaceAll('j', 'zy')
    .replaceAll('syi', 'si')
    .replaceAll('tyi', 'ti')
    .replaceAll('zyi', 'zi');
  let out = '';
  for (let i = 0; i < k.length; i++) {
    const c = k.charAt(i);
    const prev = out.charAt(out.length - 1);
    const next = k.charAt(i + 1);
    if (prev === 'o' && (c === 'u' || c === 'o')) continue;
    if (prev === 'o' && c === 'h' && (next === '' || !'aiueoy'.includes(next))) continue;
    if ((c === 'a' || c === 'i' || c === 'u' || c === 'e') && prev === c) continue;
    if (c === 'm' && (next === 'b' || next === 'p' || next === 'm')) {
      out += 'n';
      continue;
    }
    out += c;
  }
  return out;
}

/** Words of a Latin name, lower-case, diacritics kept out ("Kentaro  SHIMIZU" → ["kentaro", "shimizu"]). */
export function latinWords(s: string): string[] {
  return (s ?? '')
    .normalize('NFKD')
    .replace(ROMAJI_REGEXES.marks, '')
    .toLowerCase()
    .split(ROMAJI_REGEXES.words)
    .filter((w) => w !== '');
}
