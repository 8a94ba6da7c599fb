/**
 * The engine on messages written for these tests (not the dev corpus), against the fictitious
 * ledger of rules/examples-ledger.ts: frauds of every kind must be flagged (medium/high), and
 * ordinary business chat that shares their vocabulary must not.
 */
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import type { Report } from '../../src/domain/report.ts';

const detect = createDetector(ruleSet);

const SENT = '2026-03-02T10:00:00+09:00';
const NEW = '2026-03-02T09:20:00+09:00';
const OLD = '2023-04-01T09:00:00+09:00';

function report(body: string, accountId: number | null, name: string, approved: string | null = null): Report {
  return { message: { body, sender: { accountId, name }, sentAt: SENT }, context: { contactApprovedAt: approved, roomType: 'direct' } };
}

const frauds: [string, Report][] = [
  ['CEO name, new account, LINE group QR', report('小林さん、お疲れ様です。\nLINEでグループを作って、招待のQRコードを画像でこちらに送ってください。\n他の人には言わないでください。', 9100001, '山本 健一', NEW)],
  ['partner name, new account, new payee', report('いつもお世話になっております。あおば物産の佐々木です。\n経理システム移行のため、今月よりお振込先を下記に変更いたします。\nりそな銀行 難波支店 普通 8812345 カ）アオバブッサン', 9100002, '佐々木 亮', NEW)],
  ['genuine CEO id, urgent transfer to unknown payee', report('小林くん、急ぎで頼みたい。\n新しい取引先に本日中に前金で310万円を振り込んでほしい。\n振込先：みずほ銀行 堺支店 普通 4455667 カ）サカイトレード\n書類は来週まわします。', 3000001, '山本 健一', OLD)],
  ['fake Chatwork support', report('【Chatwork運営事務局】\nお客様のアカウントに不審なログインがありました。\n本人確認のため、SMSに届いた6桁の認証コードをこのチャットにご返信ください。', 9100003, 'Chatwork サポート', null)],
  ['lookalike executive, gift cards', report('小林さん、取引先へのお礼でAmazonギフト券を1万円分×10枚購入して、コードを写真で送ってほしい。精算は後で。', 9100004, '斉藤 花子', null)],
  ['overseas account, claimed partner', report('あおば物産の佐々木でございます。\n来月より海外の関連会社経由でのお支払いをお願いしております。\n送金先：Pacific Rim Bank (Singapore)\nSWIFT: PRBKSGSG\n口座番号：0099-112233-4', 9100005, '佐々木', null)],
  ['balance screenshot for an executive impersonator', report('小林さん、役員会の前に法人口座の残高を確認したいので、ネットバンキングの画面をスクショで送ってください。急ぎでお願いします。', 9100006, '齋藤 花子', NEW)],
  ['callback on a new number', report('齋藤です。携帯が変わりました。至急この番号に電話ください。\n080-9999-1234\n会社の番号にはかけないでください。', 9100007, '齋藤 花子', NEW)],
  ['an executive name from another account, probing', report('お疲れ様です。今、会社にいますか？少しお願いしたいことがあります。', 9100010, '山本 健一', null)],
  ['phishing link dressed as Chatwork', report('【Chatworkサポート】ご契約の更新にあたり、下記フォームより管理者IDとパスワードをご入力ください。https://chatwork-renewal.example.net/login', 9100011, 'サポート窓口', NEW)],
  ['genuine CEO account asking for a LINE group QR, no pressure', report('小林さん、LINEグループを作ってQRコードをこちらに送ってください。', 3000001, '山本 健一', OLD)],
  ['phishing link from an executive look-alike', report('経理部の齋藤です。新しい経費精算システムに移行しました。以下のURLからIDとパスワードを登録してください。https://minato-keihi.example.net/login', 9500003, '齋藤 花子', NEW)],
  ['personal-name account from a known partner id', report('佐々木です。弊社口座が一時的に使えないため、今回は下記へお願いします。\nゆうちょ銀行 〇一八支店 普通 7766554 ササキ リョウ\n本日中にお願いできますと幸いです。', 4000001, '佐々木 亮', OLD)],
];

const benign: [string, Report][] = [
  ['genuine CEO, urgent but no money', report('至急、明日の商談資料を確認してください。価格表が古いままです。', 3000001, '山本 健一')],
  ['genuine partner, registered account', report('1月分の請求書をお送りしました。お振込はいつもの三井住友銀行 梅田支店 普通 1234567 へお願いいたします。', 4000001, '佐々木 亮', OLD)],
  ['IT password policy notice', report('【情報システム】来月からパスワードは12文字以上に変更となります。初回ログイン時に変更画面が表示されます。チャットにはパスワードを書かないでください。', 3000003, '小林 誠')],
  ['social LINE group', report('歓迎会のLINEグループ作りました！参加する人はQRから入ってください🍻 会費は当日集めます。', 3000003, '小林 誠')],
  ['payment completed', report('あおば物産さんの2月分、本日振込完了しました。控えは共有フォルダに保存しています。', 3000003, '小林 誠')],
  ['security awareness', report('【注意喚起】社長になりすましてLINEグループ作成や至急の振込を求める詐欺が増えています。不審なメッセージは情報システムへ転送してください。', 3000003, '小林 誠')],
  ['new customer introduction', report('はじめまして。株式会社ひかり食堂の森と申します。展示会で御社の製品を拝見しました。一度お打ち合わせをお願いできますでしょうか。', 9200001, '森 由美', NEW)],
  ['checking payee against the ledger', report('齋藤さん、あおば物産さんの請求書の振込先を取引先台帳と突き合わせました。前回と同じ口座でしたので通常どおり処理します。', 3000003, '小林 誠')],
  ['customer asks where to pay us', report('請求書に振込先の記載がないようです。御社の振込先口座を追記して再発行いただけますか。', 9200002, '井上 翼', OLD)],
  ['our own account on an invoice, internal', report('【経理】お客様向け請求書の振込先に当社の口座を記載しました。みなと銀行 本町支店 普通 1112223 カ）ミナトセイキ', 3000003, '小林 誠')],
  ['urgent internal payment with the invoice on file', report('齋藤さん、あおば物産さんへの支払いを今日中にお願いします。請求書は共有フォルダにあります。', 3000003, '小林 誠')],
  ['our account given to a customer, from our own staff', report('ご注文ありがとうございます。代金は下記口座へお振込みください。みなと銀行 本町支店 普通 1112223 カ）ミナトセイキ', 3000003, '小林 誠')],
  ['a travel advance to a colleague, already approved', report('小林さん、来週の出張の仮払い、5万円を私の口座に振り込んでもらえますか？申請は承認済みです。', 3000002, '齋藤 花子')],
  ['pressure words alone', report('至急！本日中に！内密に！会議中で電話に出られません！', 9200003, '田村 一郎', null)],
  ['attachment password by phone', report('報告書をメールでお送りしました。ファイルのパスワードは別途お電話でお伝えします。', 4000001, '佐々木 亮', OLD)],
];

describe('detect', () => {
  it.each(frauds)('flags fraud: %s', (_name, r) => {
    const result = detect(r, examplesLedger);
    expect(['medium', 'high'], JSON.stringify(result.signals.map((s) => s.ruleId))).toContain(result.verdict);
    expect(result.summary.ja.length).toBeGreaterThan(0);
  });

  it.each(benign)('does not flag: %s', (_name, r) => {
    const result = detect(r, examplesLedger);
    expect(['none', 'low'], `${result.verdict} ${result.score} ${JSON.stringify(result.signals.map((s) => s.ruleId))}`).toContain(result.verdict);
  });

  it('explains every signal with evidence that points into the original body', () => {
    const r = frauds[1]![1];
    const result = detect(r, examplesLedger);
    expect(result.signals.length).toBeGreaterThan(1);
    for (const s of result.signals) {
      expect(s.title.ja && s.title.en && s.explanation.ja && s.explanation.en).toBeTruthy();
      for (const e of s.evidence) expect(r.message.body.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('names the impersonated ledger person and the contact to verify with', () => {
    const result = detect(frauds[0]![1], examplesLedger);
    expect(result.identity).toMatchObject({ name: '山本 健一', executive: true, accountMatches: false, verifyWith: { phone: '06-0000-1001' } });
    expect(result.verdict).toBe('high');
  });

  it('scores higher when the same request comes from an impostor than from the real account', () => {
    const body = '小林さん、本日中に120万円を下記に振り込んでください。みずほ銀行 堺支店 普通 4455667 カ）サカイトレード';
    const real = detect(report(body, 3000001, '山本 健一', OLD), examplesLedger);
    const fake = detect(report(body, 9100009, '山本 健一', NEW), examplesLedger);
    expect(fake.score).toBeGreaterThan(real.score);
  });

  it('works with an empty ledger', () => {
    const result = detect(report('LINEグループを作ってQRコードを送ってください。内密に。', 1, 'x'), { organization: { name: '' }, people: [], counterparties: [] });
    expect(result.signals.map((s) => s.ruleId)).toContain('offplatform.group_qr');
  });
});
