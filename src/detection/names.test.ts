import { describe, expect, it } from 'vitest';
import { compareNames, nameKey, skeleton } from './names.ts';
import { KANJI_VARIANTS, foldKanjiVariants } from './kanji-variants.ts';

describe('compareNames', () => {
  it.each([
    ['髙嶋 宗一郎', '髙嶋 宗一郎'],
    ['髙嶋 宗一郎', '髙嶋宗一郎'],
    ['髙嶋　宗一郎', '髙嶋 宗一郎'],
    ['ﾀｶｼﾏ ｿｳｲﾁﾛｳ', 'タカシマ ソウイチロウ'],
    ['Ｔａｎａｋａ', 'Tanaka'],
  ])('exact: %s = %s (NFKC, whitespace ignored)', (a, b) => {
    expect(compareNames(a, b)).toBe('exact');
  });

  it.each([
    ['高嶋 宗一郎', '髙嶋 宗一郎'],
    ['髙島 宗一郎', '髙嶋 宗一郎'],
    ['宮崎 律子', '宮﨑 律子'],
    ['宮嵜 律子', '宮﨑 律子'],
    ['斎藤 真澄', '斉藤 真澄'],
    ['齋藤 真澄', '斉藤 真澄'],
    ['渡辺 克也', '渡邉 克也'],
    ['渡邊克也', '渡邉 克也'],
    ['長澤 まさみ', '長沢 まさみ'],
    ['濵田 一郎', '浜田 一郎'],
    ['髙嶋 宗一郎（社長）', '髙嶋 宗一郎'],
    ['髙嶋宗一郎(代表取締役)', '髙嶋 宗一郎'],
    ['髙嶋 宗一郎 社長', '髙嶋 宗一郎'],
    ['髙嶋宗一郎社長', '髙嶋 宗一郎'],
    ['代表取締役 髙嶋 宗一郎', '髙嶋 宗一郎'],
    ['田中一郎【CEO】', '田中 一郎'],
    ['田中・一郎', '田中 一郎'],
    ['田中 一郎 様', '田中 一郎'],
    ['たかしま', 'タカシマ'],
    ['Takashima', 'Тakashіma'], // Cyrillic Т and і
    ['Ken Ito', 'Ken lto'],
    ['Kim', 'Kirn'],
    ['カ田', '力田'], // katakana カ vs kanji 力
    ['田中\u200b一郎', '田中 一郎 部長'],
  ])('lookalike: %s ~ %s', (a, b) => {
    expect(compareNames(a, b)).toBe('lookalike');
    expect(compareNames(b, a)).toBe('lookalike');
  });

  it.each([
    ['田中 一郎', '田中 二郎'],
    ['髙嶋 宗一郎', '髙嶋 宗次郎'],
    ['斉藤 真澄', '斉藤 真美'],
    ['山田', '山田太郎'],
    ['', ''],
    ['社長', ''],
    ['   ', '田中'],
  ])('none: %s vs %s', (a, b) => {
    expect(compareNames(a, b)).toBe('none');
  });
});

describe('nameKey', () => {
  it('keeps a name that is only a title', () => {
    expect(nameKey('社長')).toBe('社長');
  });

  it('does not strip the "m" of a Latin name that ends in a title-like word', () => {
    expect(nameKey('Tom')).toBe('tom');
    expect(nameKey('Sam Ms')).toBe('sam');
  });

  it('is stable under repetition', () => {
    const k = nameKey('髙嶋 宗一郎（社長）');
    expect(nameKey(k)).toBe(k);
  });
});

describe('skeleton', () => {
  it('folds Latin/Cyrillic/Greek confusables and rn → m, case-insensitively', () => {
    expect(skeleton('Тaкashіma')).toBe(skeleton('TAKASHlMA'));
    expect(skeleton('rnicrosoft')).toBe(skeleton('Microsoft'));
    expect(skeleton('PayPaІ')).toBe(skeleton('paypal'));
    expect(skeleton('G00gle')).toBe(skeleton('google'));
    expect(skeleton('Sàtō')).toBe(skeleton('Sato'));
  });

  it('keeps different names different', () => {
    expect(skeleton('sato')).not.toBe(skeleton('kato'));
  });
});

describe('kanji variant table', () => {
  it('has single code points that NFKC leaves alone, folding to a different character', () => {
    for (const [variant, common] of Object.entries(KANJI_VARIANTS)) {
      expect([...variant]).toHaveLength(1);
      expect([...common]).toHaveLength(1);
      expect(variant.normalize('NFKC')).toBe(variant);
      expect(variant).not.toBe(common);
    }
  });

  it('folds the variants in the table', () => {
    expect(foldKanjiVariants('髙嶋 宮﨑 齋藤 渡邉 𠮷田')).toBe('高島 宮崎 斉藤 渡辺 吉田');
  });
});
