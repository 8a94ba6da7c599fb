/**
 * Bank vocabulary for observable extraction: canonical ids for banks that are commonly written
 * several ways, words that mark a legal-entity account holder, and hints of an overseas account.
 * Regional banks need no entry: "福岡銀行" and "福岡" already normalise to the same key.
 */

/** Canonical bank id → the ways it is written (any width/case/kana; "銀行" may be omitted). */
export const BANK_ALIASES: Readonly<Record<string, readonly string[]>> = {
  mizuho: ['みずほ', 'Mizuho', 'みずほ銀行'],
  mufg: ['三菱UFJ', '三菱東京UFJ', 'MUFG', '三菱ユーエフジェイ', 'BTMU', '東京三菱'],
  smbc: ['三井住友', 'SMBC', 'Sumitomo Mitsui', 'SumitomoMitsuiBanking'],
  resona: ['りそな', 'Resona'],
  saitama_resona: ['埼玉りそな'],
  yucho: ['ゆうちょ', '郵便局', '郵貯', 'ゆうちょ銀', 'JP Bank', 'Japan Post', 'JapanPost', '日本郵政', '郵便貯金'],
  paypay: ['PayPay', 'ジャパンネット', 'Japan Net', 'ペイペイ'],
  rakuten: ['楽天', 'Rakuten', 'イーバンク'],
  sbi_sumishin: ['住信SBI', '住信SBIネット', 'SBIネット', 'SBI Sumishin'],
  shinsei: ['SBI新生', '新生', 'Shinsei'],
  gmo_aozora: ['GMOあおぞら', 'GMOあおぞらネット', 'GMO Aozora'],
  aozora: ['あおぞら', 'Aozora'],
  sony: ['ソニー', 'Sony', 'ソニーバンク'],
  jibun: ['auじぶん', 'じぶん', 'au Jibun'],
  seven: ['セブン', 'Seven', 'セブンバンク'],
  aeon: ['イオン', 'AEON'],
  lawson: ['ローソン', 'Lawson'],
  minna: ['みんなの', 'Minna'],
  smtb: ['三井住友信託', 'SMTB'],
  mufg_trust: ['三菱UFJ信託'],
  mizuho_trust: ['みずほ信託'],
  shoko_chukin: ['商工中金', '商工組合中央金庫'],
  norinchukin: ['農林中金', '農林中央金庫'],
  ja: ['JAバンク', '農協', '農業協同組合'],
  // Regional banks whose hiragana names contain particles (の, と, も, や) that name trimming would cut.
  michinoku: ['みちのく'],
  tochigi: ['とちぎ'],
  momiji: ['もみじ'],
  minato: ['みなと'],
  kirayaka: ['きらやか'],
  kiraboshi: ['きらぼし'],
  citi: ['Citibank', 'Citi', 'シティバンク'],
  hsbc: ['HSBC', '香港上海銀行', 'Hongkong and Shanghai Banking'],
};

/** Ids of BANK_ALIASES that are banks outside Japan. */
export const FOREIGN_BANK_IDS: readonly string[] = ['citi', 'hsbc'];

/** Aliases too common in ordinary text to count as a bank without "銀行" next to them. */
export const ALIAS_SEARCH_EXCLUDE: readonly string[] = [
  'みんなの', 'Minna', 'じぶん', 'セブン', 'Seven', 'イオン', 'AEON', 'ローソン', 'Lawson', 'ソニー', 'Sony', '新生',
  'Citi', 'Shinsei', 'Rakuten', 'Resona', 'Aozora', 'みちのく', 'とちぎ', 'もみじ', 'みなと', 'きらやか', 'きらぼし',
];

/** ISO 4217 codes people write beside an account ("A/C 041-8-82357-1 (USD)"): a currency, never a holder's name. */
export const CURRENCY_CODES: ReadonlySet<string> = new Set([
  'USD', 'EUR', 'JPY', 'GBP', 'CNY', 'RMB', 'CNH', 'HKD', 'SGD', 'TWD', 'KRW', 'THB', 'IDR', 'MYR', 'PHP', 'VND', 'INR',
  'AUD', 'NZD', 'CAD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'AED', 'SAR', 'BRL', 'MXN', 'ZAR', 'TRY',
]);

/** Latin words (matched as whole words, any case) that point to a bank account outside Japan. */
export const OVERSEAS_LATIN: readonly string[] = [
  'SWIFT', 'BIC', 'IBAN', 'overseas', 'foreign', 'Hong Kong', 'HongKong', 'Singapore', 'Shanghai', 'China', 'Taiwan',
  'Korea', 'Thailand', 'Bangkok', 'Vietnam', 'Philippines', 'Malaysia', 'Indonesia', 'Cambodia', 'Dubai', 'London',
  'HSBC', 'DBS', 'OCBC', 'UOB', 'Citibank', 'Standard Chartered', 'Bank of China', 'ICBC', 'Wise', 'Revolut',
  'Payoneer', 'Deutsche', 'Barclays', 'Chase', 'Wells Fargo', 'Bank of America', 'PTE', 'USD', 'HKD', 'SGD', 'EUR',
  'CNY', 'RMB', 'routing number', 'sort code',
];

/** Japanese words (substrings) that point to a bank account outside Japan. */
export const OVERSEAS_JA: readonly string[] = [
  '海外', '外国', '国外', '香港', 'シンガポール', '上海', '台湾', '韓国', 'タイ王国', 'バンコク', 'ベトナム', 'フィリピン',
  'マレーシア', 'インドネシア', 'カンボジア', 'ドバイ', '米国', 'アメリカ', '英国', 'イギリス', '外貨', '米ドル',
  'ドル建て', '香港ドル', 'ユーロ', '人民元',
];

/**
 * Legal-entity abbreviations in bank holder names (全銀 format): カ) ユ) ド) …, written before or
 * after the name, with ASCII or full-width brackets (NFKC folds those). Compared after small kana
 * are made big, so シヤ) also covers シャ).
 */
export const LEGAL_ENTITY_ABBREVIATIONS: readonly string[] = [
  'カ', 'ユ', 'ド', 'メ', 'シ', 'シヤ', 'ザイ', 'ガク', 'イ', 'ゼイ', 'ギヨ', 'ノウ', 'シホウ', 'フク', 'ソ', 'ム',
  'ベ', 'ケン', 'セイ', 'トク', 'トクヒ', 'エイ', 'ダイ', 'ホ', 'シユウ', 'セイキヨウ', 'キヨウクミ', 'ロウ', 'レン',
];

/** Words (big kana, no ー) that make a katakana holder a company rather than a person. */
export const COMPANY_WORDS: readonly string[] = [
  'カブシキガイシヤ', 'ユウゲンガイシヤ', 'ゴウドウガイシヤ', 'ゴウシガイシヤ', 'シヨウジ', 'サンギヨウ', 'コウギヨウ',
  'セイサクシヨ', 'トレデイング', 'シヨウカイ', 'ジムシヨ', 'コポレシヨン', 'カンパニ', 'サビス', 'システム', 'フズ',
  'テツク', 'ウンユ', 'ブツリユウ', 'ソウコ', 'ノウエン', 'スイサン', 'セイメン', 'ホウザイ', 'ケンセツ', 'デンキ',
  'クミアイ', 'キヨウカイ', 'ホウジン', 'ビヨウイン', 'クリニツク', 'シヨクヒン', 'ホルデイングス', 'グルプ', 'コウボウ',
  'セイヤク', 'ブツサン', 'ボウエキ', 'シヨウテン', 'ジギヨウ', 'ギンコウ', 'ジムキヨク', 'ガツコウ', 'ダイガク',
  'ネツトワク', 'エンタプライズ', 'ソリユシヨンズ', 'ジヤパン', 'インタナシヨナル', 'ストア', 'シヨツプ', 'フアム',
];

/** Legal-entity abbreviations written in romaji, as in a holder "KA) MINATO SHOJI" or "ZEI) AOBA KAIKEI". */
export const LEGAL_ENTITY_ABBREVIATIONS_LATIN: readonly string[] = ['KA', 'YU', 'DO', 'ZEI', 'BE', 'GAKU', 'ZAI', 'SHA', 'IRYO', 'GK', 'KK', 'YK'];

/** Latin or kanji words that make a holder a company. */
export const COMPANY_WORDS_OTHER: readonly string[] = [
  'LTD', 'LIMITED', 'INC', 'CORP', 'CORPORATION', 'LLC', 'CO.', 'COMPANY', 'TRADING', 'GROUP', 'HOLDINGS', 'PTE',
  'GMBH', 'SERVICES', 'GLOBAL', 'INTERNATIONAL', 'ENTERPRISE', 'K.K.', 'AB', 'AG', 'SA', 'JSC', 'PLC', 'BHD', 'SDN', 'NV', 'BV',
  'SRL', 'SPA', 'OY', 'AS', 'TRUST', 'PARTNERS', 'SHOJI', 'SANGYO', 'KOGYO', 'BUSSAN', 'KAIKEI', 'RECEIVABLES', 'TREASURY', 'ESCROW', '株式会社', '有限会社', '合同会社', '合資会社',
  '(株)', '(有)', '(同)', '法人', '組合', '協会', '事務所', '商事', '商店', '工業', '産業', '製作所',
];
