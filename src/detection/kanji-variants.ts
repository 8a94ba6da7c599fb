/**
 * Kanji variants (異体字) that appear in Japanese family and given names, folded to one form so a
 * display name written with the "other" kanji is recognised as a lookalike of the ledger name.
 *
 * Careful: many of these are different names in real life (髙嶋 and 高島 are different people, and
 * the ledger's exact kanji matter). This table is only for "looks like / could be confused with";
 * `compareNames` still answers 'exact' only for identical spellings. NFKC already folds the CJK
 * compatibility ideographs (塚 U+FA10 → 塚); the twelve unified ones in that block (﨑 U+FA11 …) and
 * the separate traditional/variant code points are listed here.
 */

/** Variant → common form. Keys and values are single code points. */
export const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  '髙': '高', '﨑': '崎', '嵜': '崎', '碕': '崎', '齋': '斉', '齊': '斉', '斎': '斉', '邊': '辺', '邉': '辺',
  '澤': '沢', '濱': '浜', '濵': '浜', '冨': '富', '德': '徳', '廣': '広', '國': '国', '櫻': '桜', '龍': '竜',
  '淵': '渕', '渊': '渕', '峯': '峰', '嶋': '島', '嶌': '島', '槇': '槙', '籠': '篭', '藏': '蔵', '眞': '真',
  '惠': '恵', '榮': '栄', '實': '実', '壽': '寿', '與': '与', '曾': '曽', '萬': '万', '圓': '円', '來': '来',
  '黑': '黒', '學': '学', '會': '会', '條': '条', '瀨': '瀬', '桒': '桑', '舘': '館', '嶽': '岳', '𠮷': '吉',
  '栁': '柳', '靑': '青', '淸': '清', '增': '増', '逹': '達', '傳': '伝', '戶': '戸', '户': '戸', '籐': '藤',
  '蘆': '芦', '鷗': '鴎', '驒': '騨', '彌': '弥', '禮': '礼', '滿': '満', '顯': '顕', '﨔': '欅', '髮': '髪',
};

const SINGLE = new Map<string, string>(Object.entries(KANJI_VARIANTS));

/** Folds every kanji variant of `s` to its common form. Example: `foldKanjiVariants('髙嶋')` → `'高島'`. */
export function foldKanjiVariants(s: string): string {
  let out = '';
  for (const ch of s) out += SINGLE.get(ch) ?? ch;
  return out;
}
