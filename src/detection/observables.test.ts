import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prepareText } from './text.ts';
import { canonicalUrl, extractObservables, phoneValue } from './observables.ts';
import type { ObservableKind } from '../domain/detection.ts';

function of(kind: ObservableKind, body: string) {
  const found = extractObservables(prepareText(body)).filter((o) => o.kind === kind);
  for (const o of found) expect(o.evidence.text).toBe(body.slice(o.evidence.start, o.evidence.end));
  return found;
}

const values = (kind: ObservableKind, body: string) => of(kind, body).map((o) => o.value);

describe('phone', () => {
  it.each([
    ['０７０－００３８－５１２９', '+817000385129'],
    ['090-1234-5678', '+819012345678'],
    ['09012345678', '+819012345678'],
    ['080 1234 5678', '+818012345678'],
    ['092-000-1001', '+81920001001'],
    ['(092)000-1001', '+81920001001'],
    ['0120-123-456', '+81120123456'],
    ['0570-00-1234', '+81570001234'],
    ['0800-123-4567', '+818001234567'],
    ['+81 90-1234-5678', '+819012345678'],
    ['+81(0)92-000-1001', '+81920001001'],
    ['+852 1234 5678', '+85212345678'],
  ])('%s → %s', (text, value) => {
    expect(phoneValue(text)).toBe(value);
    expect(values('phone', `新しい番号は ${text} です`)).toEqual([value]);
  });

  it.each([
    ['a date', '2026-01-07 に伺います'],
    ['a date and a time range', '2026/01/07 10:00-12:00'],
    ['a postal code', '〒812-0011 福岡市博多区'],
    ['an amount', '4,800,000円 を振込'],
    ['an account number', '普通 1234567'],
    ['an order number', '注文番号 0312345678 の件'],
    ['a member number', '会員番号：09012345678'],
    ['too short', '092-000-100'],
    ['a 050 number with 10 digits', '050-1234-567'],
    ['a number starting with 1', '1234567890'],
    ['part of a URL', 'https://example.com/u/09012345678'],
    ['part of an e-mail address', '09012345678@example.jp'],
  ])('not a phone: %s', (_label, body) => {
    expect(of('phone', body)).toEqual([]);
  });

  it('a phone right after TEL / FAX', () => {
    expect(values('phone', 'ＴＥＬ０３－１２３４－５６７８ FAX:03-1234-5679')).toEqual(['+81312345678', '+81312345679']);
    expect(values('phone', 'ABC03-1234-5678')).toEqual([]);
  });

  it('a date before a phone does not hide the phone', () => {
    expect(values('phone', '2026-01-07 090-1234-5678 まで')).toEqual(['+819012345678']);
  });

  it('phoneValue rejects non-phones', () => {
    for (const s of ['', 'abc', '12-34', '0000000000', '+81', '+1 23', '03-1234-56789']) expect(phoneValue(s), s).toBeNull();
  });
});

describe('email', () => {
  it('finds addresses next to Japanese text and lower-cases them', () => {
    expect(values('email', '連絡先: Taro.Yamada@Example.co.jpまで。CC：info@sub.example.com')).toEqual(['taro.yamada@example.co.jp', 'info@sub.example.com']);
  });

  it.each(['@taro123', 'user@localhost', 'a@b.c', '@@', 'メール@例.jp'])('not an address: %s', (body) => {
    expect(of('email', body)).toEqual([]);
  });
});

describe('url', () => {
  it('canonicalises scheme, host, default port, fragment and trailing slash; keeps path and query', () => {
    expect(canonicalUrl('HTTPS://LINE.me:443/ti/g/AbC/#x')?.value).toBe('https://line.me/ti/g/AbC');
    expect(canonicalUrl('http://Example.com:8080/a/b/?q=1')?.value).toBe('http://example.com:8080/a/b?q=1');
    expect(canonicalUrl('line.me/ti/g/xyz')?.value).toBe('https://line.me/ti/g/xyz');
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('classifies Chatwork invites, LINE links and brand lookalikes', () => {
    const found = of('url', 'こちら https://www.chatwork.com/g/abc123/ と line.me/ti/g/AbCd と https://lin.ee/xyZ と chatwork-login.example.net/verify と https://example.com/docs');
    expect(found.map((o) => [o.value, o.details?.service, o.details?.brandLookalike])).toEqual([
      ['https://www.chatwork.com/g/abc123', 'chatwork_invite', null],
      ['https://line.me/ti/g/AbCd', 'line', null],
      ['https://lin.ee/xyZ', 'line', null],
      ['https://chatwork-login.example.net/verify', 'other', 'chatwork'],
      ['https://example.com/docs', 'other', null],
    ]);
    expect(found[0]!.evidence.text).toBe('https://www.chatwork.com/g/abc123/');
  });

  it('the same link written two ways has one value', () => {
    expect(values('url', 'https://line.me/ti/g/AbCd')).toEqual(values('url', 'LINE.ME/ti/g/AbCd/'));
  });

  it('trims punctuation and unbalanced brackets, keeps balanced ones', () => {
    expect(values('url', '（https://example.com/a）')).toEqual(['https://example.com/a']);
    expect(values('url', 'see (https://en.example.org/wiki/A_(b)).')).toEqual(['https://en.example.org/wiki/A_(b)']);
  });

  it.each(['e.g. 1.5倍', '資料.pdf', 'Node.js', 'taro@example.com', 'v1.2.3', '2026.01.07'])('not a URL: %s', (body) => {
    expect(of('url', body)).toEqual([]);
  });
});

describe('line_id', () => {
  it.each([
    ['LINE ID：taro_1234 で追加して', 'taro_1234'],
    ['ＬＩＮＥ　ＩＤ：Ｔａｒｏ', 'taro'],
    ['ラインID: @abc123', '@abc123'],
    ['LINE IDはyamada.k です', 'yamada.k'],
    ['LINE: yamada99', 'yamada99'],
    ['LINEはこちら @shiomi_01 です', '@shiomi_01'],
  ])('%s → %s', (body, id) => {
    expect(values('line_id', body)).toEqual([id]);
  });

  it.each(['LINE IDを教えてください', 'LINEグループを作成して', 'online id: abc', 'メールは taro@example.com', '@abc123 さんへ', 'LINE WORKS で連絡'])('not a LINE id: %s', (body) => {
    expect(of('line_id', body)).toEqual([]);
  });
});

describe('amount', () => {
  it.each([
    ['4,800,000円', 4_800_000],
    ['２，３５０，０００円', 2_350_000],
    ['480万円', 4_800_000],
    ['4980万円', 49_800_000],
    ['1億2000万円', 120_000_000],
    ['1,200万円', 12_000_000],
    ['4.5万円', 45_000],
    ['¥1,980', 1_980],
    ['￥ 50,000', 50_000],
    ['一千万円', 10_000_000],
    ['三百万円', 3_000_000],
    ['二十五万円', 250_000],
    ['二〇〇万円', 2_000_000],
    ['千円', 1_000],
    ['前金で120万を今日中に', 1_200_000],
  ])('%s → %d yen', (body, yen) => {
    const found = of('amount', body);
    expect(found.map((o) => o.details?.yen)).toEqual([yen]);
    expect(found[0]!.value).toBe(String(yen));
  });

  it('foreign currencies keep their currency', () => {
    expect(of('amount', '金額：USD 48,000').map((o) => [o.value, o.details?.currency, o.details?.yen])).toEqual([['USD:48000', 'USD', null]]);
    expect(values('amount', '3万ドル')).toEqual(['USD:30000']);
  });

  it.each(['2026年1月7日', '10万人', '3万件', '1万枚', '百五銀行', '一部', '十分', '統一', '12345', '注文番号 1234567', '第三営業支店', '090-1234-5678'])('not an amount: %s', (body) => {
    expect(of('amount', body)).toEqual([]);
  });
});

describe('gift_card', () => {
  it.each([
    ['Apple Gift Cardを2万円×15枚', 'apple'],
    ['Ａｐｐｌｅ ギフト カード', 'apple'],
    ['アップルギフトカードを買って', 'apple'],
    ['iTunesカード', 'apple'],
    ['Google Playギフトカード', 'google_play'],
    ['グーグルプレイカード', 'google_play'],
    ['Amazonギフト券を5枚', 'amazon'],
    ['アマゾンのギフト券', 'amazon'],
    ['ウェブマネー のカード', 'webmoney'],
    ['ビットキャッシュ', 'bitcash'],
  ])('%s → %s', (body, brand) => {
    expect(values('gift_card', body)).toContain(brand);
  });

  it('a card without a brand is generic', () => {
    expect(values('gift_card', '景品のギフトカードを用意して')).toEqual(['generic']);
  });

  it.each(['Appleの確認コード', 'Google Playで購入', 'Amazonで注文しました', 'アップルパイ', 'LINEのQRコード', 'クレジットカードで支払い'])('not a gift card: %s', (body) => {
    expect(of('gift_card', body)).toEqual([]);
  });
});

describe('extractObservables', () => {
  it('returns each (kind, value) once, in order of appearance', () => {
    const body = '090-1234-5678 か 09012345678 へ。4,000円 と 4000円';
    const found = extractObservables(prepareText(body));
    expect(found.map((o) => [o.kind, o.value])).toEqual([['phone', '+819012345678'], ['amount', '4000']]);
  });

  it('evidence points into the original body, after Chatwork notation', () => {
    const body = '[To:1]経理さん\n[qt][qtmeta aid=2 time=3]090-1234-5678[/qt]ＰａｙＰａｙ銀行 本店 普通 １２３４５６７';
    const found = extractObservables(prepareText(body));
    expect(found.map((o) => o.evidence.text)).toEqual(['090-1234-5678', 'ＰａｙＰａｙ銀行 本店 普通 １２３４５６７']);
  });

  it('never throws and keeps evidence exact on arbitrary text', () => {
    const parts = fc.constantFrom('銀行', '支店', '普通', '口座番号：', '記号', '番号', 'ゆうちょ', '1234567', '12345-', '０９０', '-', 'ー', ' ', '\n',
      '@', 'line', 'LINE ID:', 'https://', '.com/', 'www.', '万', '円', '億', '一', '¥', 'Apple', 'ギフト', 'カ)', 'ヤマダ', '(', ')', 'SWIFT:', 'ABCDEFGH', '\ud800');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.array(parts, { maxLength: 60 }).map((a) => a.join(''))), (body) => {
        for (const o of extractObservables(prepareText(body))) {
          expect(o.evidence.text).toBe(body.slice(o.evidence.start, o.evidence.end));
          expect(o.value.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('hostile bodies return (bounded prefix)', () => {
    const bodies = [
      '普通 1234567 '.repeat(100_000),
      '0'.repeat(1_000_000),
      '1-'.repeat(500_000),
      '@'.repeat(300_000),
      'a.'.repeat(300_000),
      'https://'.repeat(100_000),
      '一'.repeat(300_000) + '円',
      'ギフト'.repeat(200_000),
      '銀行'.repeat(200_000) + ' 普通 1234567',
    ];
    for (const body of bodies) {
      const p = prepareText(body);
      expect(p.truncated).toBe(true);
      expect(Array.isArray(extractObservables(p))).toBe(true);
    }
  });
});
