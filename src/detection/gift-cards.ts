/**
 * Gift-card observables: a prepaid-card brand (Apple/iTunes, Google Play, Amazon, WebMoney …) with a
 * card word (カード/ギフト/券/プリペイド/card/gift) close by, found in `compact` so 「Ａｐｐｌｅ ギフト
 * カード」「アップルギフトカード」「iTunesカード」 all match. A bare "ギフトカード" is brand 'generic'.
 */
import { foldForMatch } from './text.ts';
import { MAX_HITS_PER_KIND } from './chars.ts';

/** A found gift card in `compact`: [start, end) and its brand id. */
export interface GiftCardHit {
  start: number;
  end: number;
  brand: string;
}

/** Brand id → how it is written. Bare brand names count only with a card word close by. */
export const GIFT_CARD_BRANDS: Readonly<Record<string, readonly string[]>> = {
  apple: ['Apple Gift Card', 'Apple', 'アップル', 'iTunes', 'アイチューンズ', 'App Store', 'アップストア'],
  google_play: ['Google Play', 'グーグルプレイ', 'グーグルプレー', 'グーグル・プレイ', 'GooglePlay'],
  amazon: ['Amazon', 'アマゾン', 'AMAZON'],
  rakuten: ['楽天ポイントギフト', '楽天ギフト', '楽天キャッシュ', '楽天Edy'],
  webmoney: ['WebMoney', 'Web Money', 'ウェブマネー', 'ウェブマネ'],
  bitcash: ['BitCash', 'ビットキャッシュ'],
  nanaco: ['nanaco', 'ナナコ'],
  vpreca: ['Vプリカ', 'V-Preca'],
  steam: ['Steam', 'スチーム'],
  playstation: ['PlayStation Store', 'PlayStation', 'プレイステーションストア', 'プレイステーション', 'PSストア', 'プレステ'],
  nintendo: ['Nintendo', 'ニンテンドー', '任天堂'],
  line_prepaid: ['LINEプリペイド', 'LINEストアカード'],
  visa_prepaid: ['Visaギフト', 'VISAギフト', 'Visaプリペイド', 'バニラVisa'],
};

/** Brands that are prepaid value by themselves: they count without a card word. */
export const PREPAID_BRANDS: readonly string[] = ['bitcash', 'webmoney', 'vpreca'];

/** Words that make a brand mention a gift card. */
export const GIFT_CARD_WORDS: readonly string[] = ['カード', 'ギフト', '券', 'プリペイド', 'card', 'gift'];

/** Brand-less phrases, brand 'generic'. */
export const GENERIC_GIFT_CARDS: readonly string[] = ['ギフトカード', 'ギフト券', 'ギフトコード', 'プリペイドカード', 'gift card', '電子マネーカード'];

/** Every RegExp of this file, for the ReDoS test (none: matching is done with indexOf on `compact`). */
export const GIFT_CARD_REGEXES = {} satisfies Record<string, RegExp>;

const FOLDED_BRANDS = Object.entries(GIFT_CARD_BRANDS).flatMap(([brand, names]) => names.map((n) => ({ brand, word: foldForMatch(n) })));
const FOLDED_WORDS = GIFT_CARD_WORDS.map(foldForMatch);
const FOLDED_GENERIC = GENERIC_GIFT_CARDS.map(foldForMatch);
const PREPAID_WORDS = FOLDED_BRANDS.filter((b) => PREPAID_BRANDS.includes(b.brand)).map((b) => b.word);
const AFTER_WINDOW = 10;
const BEFORE_WINDOW = 6;

/** The first card word in compact[from, to), or null. */
function cardWord(c: string, from: number, to: number): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const w of FOLDED_WORDS) {
    const k = c.indexOf(w, from);
    if (k !== -1 && k + w.length <= to && (best === null || k < best.start)) best = { start: k, end: k + w.length };
  }
  // ギフト + カード / ギフト + 券: extend over card words that follow directly.
  for (let grown = best !== null; grown && best; ) {
    grown = false;
    for (const w of FOLDED_WORDS) {
      if (c.startsWith(w, best.end)) {
        best = { start: best.start, end: best.end + w.length };
        grown = true;
      }
    }
  }
  return best;
}

function overlapsHit(out: readonly GiftCardHit[], a: number, b: number): boolean {
  for (const h of out) if (h.start < b && a < h.end) return true;
  return false;
}

/** Gift cards in `compact` (see the module comment), one per mention. */
export function findGiftCards(compact: string): GiftCardHit[] {
  if (cardWord(compact, 0, compact.length) === null && !PREPAID_WORDS.some((w) => compact.includes(w))) return [];
  const out: GiftCardHit[] = [];
  for (const { brand, word } of FOLDED_BRANDS) {
    for (let k = compact.indexOf(word); k !== -1; k = compact.indexOf(word, k + 1)) {
      const end = k + word.length;
      if (out.length >= MAX_HITS_PER_KIND) break;
      if (overlapsHit(out, k, end)) continue;
      const inWord = PREPAID_BRANDS.includes(brand) || FOLDED_WORDS.some((w) => word.includes(w));
      const after = cardWord(compact, end, Math.min(compact.length, end + AFTER_WINDOW));
      const before = inWord || after ? null : cardWord(compact, Math.max(0, k - BEFORE_WINDOW), k);
      const tail = after && (after.start === end || !inWord) ? after.end : end;
      if (!inWord && !after && !before) continue;
      out.push({ start: before ? before.start : k, end: tail, brand });
    }
  }
  for (const word of FOLDED_GENERIC) {
    for (let k = compact.indexOf(word); k !== -1; k = compact.indexOf(word, k + 1)) {
      if (out.length >= 2 * MAX_HITS_PER_KIND) break;
      if (!overlapsHit(out, k, k + word.length)) out.push({ start: k, end: k + word.length, brand: 'generic' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
