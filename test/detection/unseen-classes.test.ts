/**
 * The classes of issue 14, one test each, on messages written for these tests against the
 * fictitious ledger of rules/examples-ledger.ts (株式会社みなと精機, its partner あおば物産 with 全銀
 * codes and romanised names, and Kestrel Marine Supplies, a British partner banking with SWIFT/IBAN).
 * No company, name or text here appears in any corpus.
 */
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import type { Report } from '../../src/domain/report.ts';
import type { DetectionResult } from '../../src/domain/detection.ts';

const detect = createDetector(ruleSet);

const SENT = '2026-05-12T10:00:00+09:00';
const NEW = '2026-05-12T09:30:00+09:00';
const WEEKS = '2026-04-01T09:00:00+09:00';
const OLD = '2023-04-01T09:00:00+09:00';

/** Ledger ids of rules/examples-ledger.ts. */
const CEO = { id: 3000001, name: '山本 健一' };
const CFO = { id: 3000004, name: '清水 健太郎' };
const CLERK = { id: 3000003, name: '小林 誠' };
const IT = { id: 3000005, name: '大西 由香' };
const AOBA = { id: 4000001, name: '佐々木 亮' };
const KESTREL = { id: 4000002, name: 'Fiona Marsh' };

function report(body: string, sender: { id: number | null; name: string }, approved: string | null = OLD): Report {
  return { message: { body, sender: { accountId: sender.id, name: sender.name }, sentAt: SENT }, context: { contactApprovedAt: approved, roomType: 'direct' } };
}

const run = (r: Report): DetectionResult => detect(r, examplesLedger);
const ids = (r: DetectionResult) => r.signals.map((s) => s.ruleId);
const why = (r: DetectionResult) => `${r.verdict} ${r.score} ${JSON.stringify(ids(r))}`;

function flagged(r: Report): DetectionResult {
  const result = run(r);
  expect(['medium', 'high'], why(result)).toContain(result.verdict);
  return result;
}

function quiet(r: Report): DetectionResult {
  const result = run(r);
  expect(['none', 'low'], why(result)).toContain(result.verdict);
  return result;
}

describe('1. a registered account is recognised however it is written', () => {
  it.each([
    ['in parentheses after the branch', 'お振込は三井住友銀行 梅田支店（普通 1234567）へお願いいたします。'],
    ['with the holder inside the parentheses', '三井住友銀行 梅田支店（普通預金 1234567 カ）アオバブッサン）へお振込ください。'],
    ['with the branch number instead of its name', '振込先：三井住友銀行 店番418 普通 1234567'],
    ['with 全銀 codes and 口座番号', '振込先：三井住友銀行（0009） 418 口座番号 1234567 名義 カ）アオバブッサン'],
    ['in English, with a romanised branch and Savings', 'Please remit to Sumitomo Mitsui Banking Corporation, Umeda Branch, Savings A/C 1234567, AOBA BUSSAN CO., LTD.'],
    ['as Account No. without a branch', 'Bank: SMBC\nAccount No.: 1234567\nAccount name: AOBA BUSSAN'],
  ])('from the partner: %s', (_name, body) => {
    const result = quiet(report(body, AOBA));
    expect(ids(result)).toContain('mitigating.registered_payee');
    expect(ids(result)).not.toContain('payee.unregistered_account');
  });

  it.each([
    ['IBAN, BIC and the bank in English', 'Invoice KM-7781 attached (GBP 4,310.00). Payment to our usual account: Kestrel Bank plc, IBAN GB11 KSTR 4020 1577 8812 34, BIC KSTRGB2LXXX.'],
    ['sort code and A/C, IBAN in brackets', 'Kindly settle by the 30th: Kestrel Bank, sort code 40-20-15, A/C 77881234 (IBAN GB11 KSTR 4020 1577 8812 34).'],
    ['SWIFT and Current account', 'Remittance: Kestrel Bank plc, Bristol Harbourside, Current 77881234, SWIFT KSTRGB2L.'],
  ])('from the foreign partner, not "overseas" or "unregistered": %s', (_name, body) => {
    const result = quiet(report(body, KESTREL));
    expect(ids(result)).not.toContain('payee.overseas_account');
    expect(ids(result)).not.toContain('payee.unregistered_account');
  });

  it.each([
    ['another bank', 'お振込はりそな銀行 梅田支店 普通 1234567 カ）アオバブッサン へお願いします。'],
    ['another branch', 'お振込は三井住友銀行 難波支店 普通 1234567 カ）アオバブッサン へお願いします。'],
    ['another branch number', 'お振込は三井住友銀行 店番512 普通 1234567 へお願いします。'],
    ['another holder', 'お振込は三井住友銀行 梅田支店 普通 1234567 カ）ミナミブッサン へお願いします。'],
    ['another SWIFT', 'Please pay to Kestrel Bank, A/C 77881234, SWIFT HARBGB2L.'],
  ])('the registered number under %s is not registered', (_name, body) => {
    const result = run(report(body, { id: 9300001, name: '佐々木 亮' }, NEW));
    expect(ids(result)).toContain('payee.unregistered_account');
    expect(ids(result)).not.toContain('mitigating.registered_payee');
  });

  it('a holder name that contains ドバイ is not an overseas account', () => {
    const result = run(report('下記へお振込ください。北浜銀行 淀屋橋支店 普通 5566778 カ）ヨドバイサン', CLERK));
    expect(ids(result)).not.toContain('payee.overseas_account');
  });
});

describe('2. English and mixed-language BEC', () => {
  it('availability check from the CFO romanised, on a new account', () => {
    const result = flagged(report('Hi Kobayashi-san, are you at your desk? I need you to handle a confidential task for me today. Reply here.', { id: 9300010, name: 'Kentaro Shimizu' }, NEW));
    expect(result.identity).toMatchObject({ name: '清水 健太郎', how: 'lookalike_name', accountMatches: false });
  });

  it('the romanised name in the other order, with a title', () => {
    const result = run(report('Are you available now?', { id: 9300011, name: 'SHIMIZU Kentarou (CFO)' }));
    expect(result.identity?.name).toBe('清水 健太郎');
  });

  it('urgent confidential wire, beneficiary to follow', () => {
    flagged(report('Kobayashi-san, we are closing a deal today. A deposit of USD 86,000 must be wired before 15:00. Keep this strictly confidential, I will send the beneficiary details once you confirm.', { id: 9300012, name: 'Ken Yamamoto' }, WEEKS));
  });

  it('gift cards for a client, codes by photo', () => {
    flagged(report('Quick favour — please buy 6 Apple gift cards of ¥10,000 for a client and send me photos of the codes. I will reimburse you Friday. Keep it quiet for now.', { id: 9300013, name: 'Kenichi Yamamoto' }, WEEKS));
  });

  it('changed bank details from a partner look-alike', () => {
    flagged(report('Hello, please be informed our bank details have changed due to an audit. Kindly remit all open invoices to our new account: Norland Trust Bank, Account No. 5510-882190-4, SWIFT NLTBSGSG.', { id: 9300014, name: 'Fiona March' }, WEEKS));
  });

  it('W-2-style request for every employee’s tax slip', () => {
    flagged(report('Hi, for the audit I need all employees’ 2025 withholding tax slips and home addresses. Please upload them here by end of day.', { id: 9300015, name: 'Kentaro Shimizu' }, WEEKS));
  });

  it('lawyer acting for the CEO, M&A secrecy, escrow wire', () => {
    flagged(report('Dear Mr. Kobayashi,\nI am outside counsel assisting Mr. Yamamoto on a confidential acquisition. He has authorised me to contact you directly.\nAn escrow deposit of JPY 42,000,000 must be wired today. This matter must not be discussed with anyone until the announcement.', { id: 9300016, name: 'Martin Greve, Attorney' }, NEW));
  });

  it('call me on this number, not the office line', () => {
    flagged(report('My phone was stolen in Frankfurt. I am on a temporary number: +49 151 0000 4471. Please call me asap and don’t use the office line.', { id: 9300017, name: 'Kenichi Yamamoto' }, WEEKS));
  });

  it('an English invoice from the genuine foreign partner is routine', () => {
    quiet(report('Dear Kobayashi-san, please find attached invoice KM-8120 for the April deliveries, GBP 12,400.00, payable within 30 days to our usual account (IBAN GB11 KSTR 4020 1577 8812 34). Kind regards, Fiona', KESTREL));
  });
});

describe('3. a genuine ledger account can be taken over', () => {
  it.each([
    ['gift cards of any brand', '小林さん、取引先へのお礼にSteamカードを5千円分×8枚用意して、裏の番号を写真で送ってもらえますか。'],
    ['"prepaid card numbers"', 'Kobayashi-san, could you pick up some prepaid cards for me on your way and send me the card numbers? Thanks!'],
    ['a download link to a credential page', '見積書を共有します。閲覧には御社のMicrosoftアカウントでのサインインが必要です。\nhttps://minato-quote-share.example.net/view'],
    ['an SMS code', '新しい社内アプリの登録で、小林さんの携帯にSMSで確認コードが届きます。\n届いたらこちらで教えてください。'],
    ['a 2FA code in English', 'I am setting up Chatwork on my new phone and the verification code went to your number. Could you forward it to me here?'],
  ])('%s reaches medium from the CEO’s own account', (_name, body) => {
    flagged(report(body, CEO));
  });

  it('a personal favour with secrecy reaches medium from a trusted account', () => {
    flagged(report('小林さん、個人的なお願いで恐縮ですが、知人への立替で本日中に45万円を下記口座に送ってもらえますか。この件は内密にお願いします。\nみなと銀行 本町支店 普通 7654001 ヤマダ ジロウ', CFO));
  });

  it('a phishing link from the partner’s genuine account', () => {
    flagged(report('Hi, the updated contract is here: https://kestrel-contracts.example.top/doc — you will need to sign in with your company email and password to open it.', KESTREL));
  });
});

describe('4. fake support and institutions, by what they claim and ask', () => {
  it.each([
    ['運営事務局, a code', '【チャットワーク運営事務局】なりすまし対策のため本人確認を行っています。SMSで届いた認証番号をこのチャットにご返信ください。', { id: 9300020, name: '運営事務局' }],
    ['セキュリティ窓口, a call-back', '貴社アカウントに不審なログイン試行がありました。被害拡大防止のため、本日中に下記へお電話ください。050-0000-3381', { id: 9300021, name: 'セキュリティ窓口' }],
    ['admin rights to a support account', 'This is the integration support team. To finish the setup, please grant this account organization administrator rights in Chatwork.', { id: 9300022, name: 'Integration Support' }],
    ['a bank: transfer on hold, call back', 'みなと銀行の振込審査担当でございます。本日の振込が保留となっております。解除のため、下記番号へ折り返しお電話ください。03-0000-6120', { id: 9300023, name: 'みなと銀行 審査部' }],
    ['the tax office and a refund link', '還付金が未受領です。受取口座を下記ページより本日中にご登録ください。https://refund-check.example.com/form', { id: 9300024, name: '大阪東税務署 法人課税部門' }],
  ])('%s', (_name, body, sender) => {
    flagged(report(body, sender, NEW));
  });
});

describe('5. off-platform moves and harvesting are asks', () => {
  it.each([
    ['LINE WORKS, leaving Chatwork', '弊社は今月でChatworkの利用を終了します。今後の連絡はLINE WORKSでお願いします。ID: aoba-sasaki01', { id: 9300030, name: '佐々木 亮' }],
    ['WhatsApp', 'Our team is leaving Chatwork next week. Can we continue on WhatsApp? My number is +44 7700 900871.', { id: 9300031, name: 'Fiona Marsh' }],
    ['a new group by invite link', 'This room will be archived on Friday. Please join our new group here and bring your finance colleague: https://rooms-join.example.net/g/kestrel-jp', { id: 9300032, name: 'Fiona Marsh' }],
    ['the employee list with e-mails', '組織図を作るので、全社員の氏名・メールアドレス・携帯番号の一覧をExcelで送ってください。', { id: 9300033, name: '小林 誠' }],
    ['My Number and ID photos', 'マイナンバーカードと運転免許証の表裏の写真を、このチャットに送ってください。', { id: 9300034, name: '齋藤 花子' }],
    ['user accounts export', 'Please export the list of user accounts (name, email, admin flag) and share it here as CSV.', { id: 9300035, name: 'External Audit Team' }],
  ])('%s', (_name, body, sender) => {
    flagged(report(body, sender, WEEKS));
  });
});

describe('6. no crying wolf', () => {
  it.each([
    ['an [info] awareness notice quoting the fraud', '[info][title]【注意喚起】なりすまし詐欺について[/title]役員を名乗るアカウントから、次のようなメッセージが届いています。\n「至急、下記口座に振込をお願いします。他の人には内密に」\n「LINEグループを作ってQRコードを送ってください」\nこうした依頼には返信せず、情報システム課へ転送してください。[/info]', IT],
    ['an English heads-up quoting phrases', 'Team, heads-up: if anyone writes "our bank details have changed, kindly remit today to the new account", it is a scam. Do not reply, and verify by the number in our ledger.', CFO],
    ['IT answers a report: it was a scam', '転送ありがとうございます。そのアカウントは社長ではなく、詐欺です。返信せずにブロックしてください。こちらで通報済みです。', IT],
    ['IT answers in English', 'Thanks for forwarding. That "security team" message is phishing: the link is not Chatwork’s. Please do not click it, we have blocked the account.', IT],
    ['a colleagues’ social group', '金曜の歓迎会、参加者でLINEグループ作りました！QR貼っておきます。会費は当日現金でお願いします🍻', CLERK],
    ['a vendor’s maintenance notice mentioning an admin password reset', '【メンテナンスのお知らせ】5/20 22時〜24時にシステム更新を行います。更新後、管理者パスワードのリセット画面が表示される場合があります。', AOBA],
    ['an official HR portal on the company’s own domain', '年末調整の申告は人事ポータルから行ってください。社内アカウントでログインしてください。https://hr.minato-seiki.example.jp/nenmatsu', IT],
    ['a colleague’s routine balance confirmation', '月末の各口座残高を、いつもの資金繰り表に入力しておいてください。スクショは不要です。', CFO],
    ['a colleague asks for a file', '小林さん、来週の会議用に先月の売上一覧をExcelで送ってもらえますか？', CFO],
  ])('%s', (_name, body, sender) => {
    quiet(report(body, sender));
  });

  it('a new colleague introducing themselves', () => {
    quiet(report('はじめまして、4月に経理課に入りました中西と申します。振込業務を担当します。よろしくお願いします。', { id: 3000099, name: '中西 葵' }, NEW));
  });

  it('a partner’s new contact whose account id is in the ledger', () => {
    quiet(report('はじめまして。4月より御社の担当を引き継ぎました佐々木です。ご請求・お振込先などの変更はございません。引き続きよろしくお願いいたします。', AOBA, NEW));
  });

  it('a prospect writing from a brand-new account', () => {
    quiet(report('Hello, I found your company at the Osaka trade fair. Could you send me your product catalogue and price list? Best regards, Lena Koch', { id: 9300040, name: 'Lena Koch' }, NEW));
  });

  it('a negation: 「振込先の変更はありません」 is no account change', () => {
    const result = quiet(report('担当者は変わりますが、振込先の変更はありません。今後ともよろしくお願いいたします。', AOBA));
    expect(ids(result)).not.toContain('payee.account_change');
  });

  it('the summary names only the pressure that fired', () => {
    const result = run(report('至急、230万円を下記口座に振り込んでください。みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ', { id: 9300050, name: '田村 一郎' }, NEW));
    expect(ids(result)).toContain('pressure.urgency');
    expect(ids(result)).not.toContain('pressure.secrecy');
    expect(result.summary.ja).toContain('急がせる表現');
    expect(result.summary.ja).not.toContain('秘密');
    expect(result.summary.en).not.toContain('secrecy');
  });
});

describe('found on companies written after these rules (classes, invented messages)', () => {
  it('a ledger executive’s family name with a title, from another account, is a look-alike; the name alone is no claim', () => {
    const titled = flagged(report('お疲れさまです。本日中に一件振込をお願いしたいです。詳細はこのあと送ります。', { id: 9300061, name: '山本社長' }, NEW));
    expect(titled.identity).toMatchObject({ name: '山本 健一', accountMatches: false });
    const bare = run(report('お疲れさまです。来週の打ち合わせの件、資料を共有します。', { id: 9300062, name: '山本' }, NEW));
    expect(bare.identity).toBeNull();
  });

  it('a foreign partner’s registered account, its bank written with a legal form (“Kestrel Bank Ltd.”), is routine', () => {
    const r = quiet(
      report(
        'Dear Kobayashi-san,\nInvoice KM-7712 (GBP 4,120.00) is attached. Please remit to our account on file:\nKestrel Bank Ltd., Bristol Harbourside Branch\nA/C 77881234, SWIFT KSTRGB2L\nKind regards, Fiona',
        KESTREL,
      ),
    );
    expect(ids(r)).not.toContain('payee.unregistered_account');
    expect(ids(r)).not.toContain('payee.overseas_account');
  });

  it('a currency after the registered account is no holder; the bank known by its SWIFT/BIC however its name is written', () => {
    const r = quiet(
      report(
        'Hello Kobayashi-san,\nProforma KM-7790 attached, 30% advance as usual.\nBeneficiary: Kestrel Marine Supplies Ltd\nBank: KSTR Banking Group, Harbourside\nA/C No.: 7788-1234 (GBP)\nSWIFT: KSTRGB2L\nNo change from previous orders.',
        KESTREL,
      ),
    );
    expect(ids(r)).not.toContain('payee.unregistered_account');
    expect(ids(r)).not.toContain('payee.personal_account');
    // The same number at a bank with another SWIFT is not the registered account.
    const other = run(report('Please remit the advance to:\nBank: Harbour Mutual\nA/C No.: 7788-1234 (GBP)\nSWIFT: HRBMGB2L', KESTREL));
    expect(ids(other)).toContain('payee.unregistered_account');
  });

  it('a bank named after the word "Bank" ("PT Bank Rakyat Nusa") is read whole, not as "PT Bank"', () => {
    const account = run(report('Remittance to: PT Bank Rakyat Nusa Tbk, Surabaya\nAccount 881-204-5531\nThank you', { id: 9100777, name: 'Budi Santoso' })).observables.find(
      (o) => o.kind === 'bank_account',
    );
    expect(account?.details?.bank).toBe('PT Bank Rakyat Nusa Tbk');
  });

  it('“please do not reply here any more” names no fraud: a move off the platform from a partner’s own account still counts', () => {
    const r = flagged(report('Dear Kobayashi-san,\nWe are leaving Chatwork at month end. Please message me on WhatsApp +44 7700 900123 from now on, and do not reply here any more.', KESTREL));
    expect(ids(r)).not.toContain('mitigating.fraud_awareness');
  });

  it('a sender offering to send a password is no request for one', () => {
    const r = quiet(report('Dear Kobayashi-san, the drawings are in an encrypted archive; I will send the password in a separate message. Please keep them within your team.', KESTREL));
    expect(ids(r)).not.toContain('credential.secret_request');
  });
});
