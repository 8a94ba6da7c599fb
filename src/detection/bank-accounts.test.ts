import { describe, expect, it } from 'vitest';
import { prepareText } from './text.ts';
import { bankAccountValue, extractObservables, normaliseBankName } from './observables.ts';
import { branchKey, holderIsCompany, yuchoTransferAccount } from './banks.ts';
import { directorySchema } from '../domain/directory.ts';

function accounts(body: string) {
  return extractObservables(prepareText(body)).filter((o) => o.kind === 'bank_account');
}

function one(body: string) {
  const found = accounts(body);
  expect(found).toHaveLength(1);
  const o = found[0]!;
  expect(o.evidence.text).toBe(body.slice(o.evidence.start, o.evidence.end));
  return o;
}

describe('bank accounts: extraction', () => {
  it('one line: bank, branch, type, number, company holder', () => {
    const body = '新口座：北都銀行 港南台支店 普通 5107742 カ）ヤマブキショウジ\nよろしくお願いします。';
    const o = one(body);
    expect(o.evidence.text).toBe('北都銀行 港南台支店 普通 5107742 カ）ヤマブキショウジ');
    expect(o.details).toMatchObject({ bank: '北都銀行', branch: '港南台支店', type: '普通', number: '5107742', holder: 'カ)ヤマブキショウジ', personalName: false, overseas: false });
    expect(o.value).toBe('北都|港南台|5107742');
  });

  it('labelled lines (銀行名/支店名/種別/口座番号/口座名義)', () => {
    const o = one('下記へお願いします。\n銀行名：三井住友銀行\n支店名：渋谷駅前\n口座種別：当座\n口座番号：７６５４３２１\n口座名義：ヤマダ タロウ\n以上です');
    expect(o.value).toBe('smbc|渋谷駅前|7654321');
    expect(o.details).toMatchObject({ type: '当座', holder: 'ヤマダ タロウ', personalName: true });
  });

  it('half-width katakana, full-width digits and ideographic spaces', () => {
    const o = one('お振込先：ＰａｙＰａｙ銀行　ビジネス営業部　普通　１２３４５６７　ｶ)ﾃｽﾄｼｮｳｼﾞ');
    expect(o.value).toBe('paypay|びじねす営業部|1234567');
    expect(o.details).toMatchObject({ holder: 'カ)テストショウジ', personalName: false });
  });

  it('branch code, 本店営業部, 信用金庫, 普 abbreviation, 普通口座', () => {
    expect(one('楽天銀行 第一営業支店（店番251） 普通預金 1234567').value).toBe('rakuten|第一営業|1234567');
    expect(one('東西信用金庫 本店営業部 当座 7777777 イ）サクラカイ').value).toBe('東西信金|本店営業部|7777777');
    expect(one('みずほ銀行渋谷支店 普 1234567').details).toMatchObject({ type: '普通' });
    expect(one('振込先は福岡中央銀行の天神支店、普通口座 1234567 です。').value).toBe('福岡中央|天神|1234567');
  });

  it('ゆうちょ 記号・番号 is converted to its 振込用 店番 and number', () => {
    const a = one('ゆうちょ銀行 記号17460 番号33918271 ニシオカ マユ');
    expect(a.value).toBe('yucho|748|3391827');
    expect(a.details).toMatchObject({ yuchoKigou: '17460', yuchoBangou: '33918271', personalName: true });
    expect(one('ゆうちょ 10120-12345671 名義 ヤマダハナコ').value).toBe('yucho|018|1234567');
    expect(one('ゆうちょ銀行 〇一八店 普通 1234567 ヤマダ ハナコ').value).toBe('yucho|018|1234567');
  });

  it('personal-name holders vs legal entities in any bracket style', () => {
    expect(one('肥後中央銀行 上通支店 普通 5530912 ヤスタケ ノリオ').details?.personalName).toBe(true);
    for (const holder of ['カ)ハナダ', '(カ)ハナダ', 'ハナダ(カ', 'ハナダ(カ)', 'ユ)ハナダ', 'ド)ハナダ', 'ｶ)ﾊﾅﾀﾞ', 'ハナダショウジ', 'カブシキガイシャハナダ']) {
      expect(holderIsCompany(holder), holder).toBe(true);
    }
    for (const holder of ['ヤマダ タロウ', 'スズキ ハナコ', 'TANAKA ICHIRO']) expect(holderIsCompany(holder), holder).toBe(false);
  });

  it('overseas accounts: SWIFT, foreign bank, non-Japanese number format', () => {
    const o = one('送金先：Harbour Line Bank (Hong Kong)\n口座番号：817-334902-838\n受取人：GOLDEN HARVEST TRADING LTD.\nSWIFT：HLBKHKHHXXX');
    expect(o.details).toMatchObject({ bank: 'Harbour Line Bank (Hong Kong)', overseas: true, swift: 'HLBKHKHHXXX', personalName: false, number: '817334902838' });
    const dbs = one('銀行：DBS Bank (Singapore)\n口座番号：0721-556614-9\n受取人：TAN WEI MING');
    expect(dbs.details).toMatchObject({ overseas: true, personalName: true });
    expect(one('みずほ銀行 渋谷支店 普通 1234567 カ)テスト').details?.overseas).toBe(false);
    const trip = '来月の海外出張の件です。\n経費の振込先：みずほ銀行 渋谷支店 普通 1234567 ヤマダ タロウ';
    expect(one(trip).details?.overseas).toBe(false);
  });

  it('one field per line, without labels', () => {
    const o = one('以下にお願いします。\n三井住友銀行\n神戸営業部\n普通\n1234567\nコウベショウジ(カ');
    expect(o.value).toBe('smbc|神戸営業部|1234567');
    expect(o.details).toMatchObject({ holder: 'コウベショウジ(カ', personalName: false });
  });

  it('holder after 名義は…, not the next label', () => {
    expect(one('三菱UFJ銀行 新宿支店 普通 1234567、名義はタナカ ハナコです').details?.holder).toBe('タナカ ハナコ');
    expect(one('Account No: 123-456789-001 SWIFT: HSBCHKHHHKH').details?.holder).toBeNull();
  });

  it('two accounts in one message are both found', () => {
    const found = accounts('旧：みずほ銀行 渋谷支店 普通 1111111\n新：りそな銀行 新宿支店 普通 2222222 カ)アオバ');
    expect(found.map((o) => o.value)).toEqual(['mizuho|渋谷|1111111', 'resona|新宿|2222222']);
  });

  it('a number without a bank keeps "?" parts but is still reported', () => {
    const o = one('口座番号：1234567 に入金してください');
    expect(o.value).toBe('?|?|1234567');
    expect(o.details).toMatchObject({ bank: '?', branch: '?', type: null, holder: null, personalName: null });
  });

  it.each([
    '注文番号 1234567 の件でお問い合わせです',
    '伝票番号：12345678',
    '12月末時点の各銀行の残高証明書をお送りください',
    '三菱UFJ銀行 福岡天神北支店、口座番号も前回と同じでした',
    '口座振替依頼書を郵送します。会員番号 1234567',
    '売上は1234567円でした（普通の月です）',
    '2026年1月7日 普通便で発送 090-1234-5678',
    '〒812-0011 福岡市博多区',
  ])('not an account: %s', (body) => {
    expect(accounts(body)).toEqual([]);
  });
});

describe('bank accounts: the same account written two ways compares equal', () => {
  it.each([
    [{ bank: 'みずほ銀行', branch: '福岡支店', type: '普通', number: '1234567' }, { bank: 'ミズホ', branch: '福岡', type: '普', number: '１２３４５６７' }],
    [{ bank: '三菱ＵＦＪ銀行', branch: '天神北支店', number: '0012345' }, { bank: 'MUFG Bank', branch: '天神北', number: '12345' }],
    [{ bank: 'ゆうちょ銀行', branch: '七一八支店', number: '3345129' }, { bank: 'ゆうちょ', branch: '17160', number: '33451291' }],
    [{ bank: '〇〇信用金庫', branch: '本店', number: '7777777' }, { bank: '〇〇信金', branch: '本店', number: '777-7777' }],
    [{ bank: 'PayPay銀行', branch: 'ビジネス営業部', number: '8801346' }, { bank: 'ｐａｙｐａｙ 銀行', branch: 'ﾋﾞｼﾞﾈｽ営業部', number: '880 1346' }],
  ])('%o = %o', (a, b) => {
    expect(bankAccountValue(a)).toBe(bankAccountValue(b));
  });

  it('different accounts stay different', () => {
    const base = { bank: 'みずほ銀行', branch: '福岡支店', number: '1234567' };
    expect(bankAccountValue(base)).not.toBe(bankAccountValue({ ...base, number: '1234568' }));
    expect(bankAccountValue(base)).not.toBe(bankAccountValue({ ...base, branch: '博多支店' }));
    expect(bankAccountValue(base)).not.toBe(bankAccountValue({ ...base, bank: 'みずほ信託銀行' }));
  });

  it('a ledger account (directory.json format) equals its message form', () => {
    const ledger = directorySchema.parse({
      organization: { name: '株式会社あおば物産' },
      counterparties: [
        { company: '有限会社さくら農園', bankAccounts: [{ bank: '東西銀行', branch: '前原中央支店', type: '普通', number: '3184520', holder: 'ユ)サクラノウエン' }] },
        { company: '税理士法人ひなた会計', bankAccounts: [{ bank: 'ゆうちょ銀行', branch: '七一八支店', type: '普通', number: '3345129', holder: 'ゼイ)ヒナタカイケイ' }] },
      ],
    });
    const [farm, tax] = ledger.counterparties.map((c) => bankAccountValue(c.bankAccounts[0]!));
    expect(one('いつもの東西銀行 前原中央 普 ３１８４５２０ ユ）サクラノウエン へ').value).toBe(farm);
    expect(one('ゆうちょ銀行 記号17160 番号33451291 ゼイ)ヒナタカイケイ').value).toBe(tax);
    expect(one('東西銀行 前原中央支店 普通 3184521 ユ)サクラノウエン').value).not.toBe(farm);
  });
});

describe('normaliseBankName, branchKey, yuchoTransferAccount', () => {
  it.each([
    ['みずほ銀行', 'mizuho'], ['ミズホ', 'mizuho'], ['Mizuho Bank', 'mizuho'], ['三菱ＵＦＪ銀行', 'mufg'], ['MUFG', 'mufg'],
    ['三井住友銀行', 'smbc'], ['ゆうちょ', 'yucho'], ['郵便局', 'yucho'], ['株式会社ゆうちょ銀行', 'yucho'], ['住信SBIネット銀行', 'sbi_sumishin'],
    ['GMOあおぞらネット銀行', 'gmo_aozora'], ['あおぞら銀行', 'aozora'], ['ジャパンネット銀行', 'paypay'], ['みちのく銀行', 'michinoku'],
    ['福岡銀行', '福岡'], ['福岡', '福岡'], ['東西信用金庫', '東西信金'], ['', '?'],
  ])('%s → %s', (name, key) => {
    expect(normaliseBankName(name)).toBe(key);
  });

  it('branch keys', () => {
    expect(branchKey('姪浜南支店')).toBe(branchKey('姪浜南'));
    expect(branchKey('〇一八店')).toBe('018');
    expect(branchKey('店番123')).toBe('123');
    expect(branchKey(null)).toBe('?');
  });

  it('ゆうちょ conversions', () => {
    expect(yuchoTransferAccount('10120', '12345671')).toEqual({ branch: '018', type: '普通', number: '1234567' });
    expect(yuchoTransferAccount('00150', '123456')).toEqual({ branch: '019', type: '当座', number: '0123456' });
    expect(yuchoTransferAccount('20120', '1')).toBeNull();
  });
});
