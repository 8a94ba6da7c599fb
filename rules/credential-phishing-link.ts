import { lexicon } from '../src/detection/lexicon.ts';
import { AUTHORITY_CLAIM, BANK_CLAIM, SUPPORT_CLAIM } from './lexicons/identity.ts';
import { knownDomains, onDomain } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Signing in or entering details behind a link. */
const SIGN_IN = lexicon('sign-in', [
  'ログインして', 'ログインをお願い', 'ログインの上', 'サインインして', '再ログイン', 'ログイン画面', 'ログインページ', '認証を完了',
  '認証してください', 'アカウント情報を入力', 'ご入力ください', '入力してください', 'ご登録ください', '登録してください', '再登録', '情報を更新',
  'idとパスワードを', 'パスワードを登録', 'パスワードを設定', 'サインインが必要', 'サインインの上', 'サインインを求め', 'ログインが必要',
  'ログインしてから', 'ログインしてご覧', 'サインインしてください', 'でサインイン', 'でログイン', 'ログインには', 'サインインには', 'ログインに必要', 'ダウンロードの上', 'からダウンロード', 'ダウンロードには', '閲覧には', '認証が必要', 'での認証を',
  'フォームより', 'フォームから', '下記urlより', '下記リンクより', 'リンクから確認', 'リンクより確認', 'ページより', 'ページから', 'からご登録',
  'sign in', 'log in', 'login with', 'log on', 'sign in with', 'log in with', 'sign in again', 'log in again', 'enter your password',
  'enter your credentials', 'verify your account', 'authenticate', 're enter', 'you will be asked to sign in', 'need to sign in',
  'need to log in', 'requires a sign in', 'to access it', 'to open it', 'to view it', 'to open the', 'to access the', 'to view the', 'to download the',
  'authentication required', 'requires authentication', 'download here', 'download it here', 'download the file', 'download from', 'file password is', 'verify your email', 'verify your identity', 'confirm your email', 'confirm your identity', 'validate your account', 'validate your email',
]);

/** What the page will take: the mailbox or account password. */
const CREDENTIAL_ENTRY = lexicon('credential-entry', [
  'パスワード', 'microsoftアカウント', 'マイクロソフトアカウント', 'microsoft 365', 'microsoft365', 'office 365', 'office365', 'googleアカウント',
  'chatworkアカウント', 'チャットワークアカウント', '社内アカウント', '御社アカウント', '御社のmicrosoft', 'アカウントでサインイン', 'アカウントでログイン',
  'メールアドレスとパスワード', '会社のメールアドレス',
  'password', 'company email', 'company e mail', 'email password', 'work email', 'work account', 'microsoft account', 'google account',
  'chatwork email', 'chatwork account', 'office account', 'company account', 'company login', 'corporate login', '会社のアカウント', '社用アカウント', 'corporate email', 'corporate account', 'your credentials',
]);

/** A link to sign in or enter details on a site that is not the company's or a ledger partner's, above all one dressed up as a brand or a partner. */
export const credentialPhishingLink: Rule = {
  id: 'credential.phishing_link',
  category: 'credential',
  title: { ja: 'ログイン・入力を求めるリンク', en: 'Link asking you to sign in or enter details' },
  explanation: {
    ja: 'リンク先でログインや情報入力（会社のメールアドレス・パスワード、Microsoft・Chatworkアカウントなど）をするよう求めています。自社や取引先のドメインではないサイト、ChatworkやMicrosoft、取引先に似せたドメインは偽サイトの可能性があります。正規の取引先のアカウントからでも、乗っ取られている場合があります。ブックマークや公式アプリから自分でアクセスしてください。',
    en: "Asks you to sign in or enter details (a company e-mail and password, a Microsoft or Chatwork account) behind a link. A site that is not your company's or a partner's, or a domain dressed up as Chatwork, Microsoft or a partner, may be fake — even when the message comes from a partner's genuine, possibly taken-over account. Go to the service yourself, from a bookmark or the official app.",
  },
  match(ctx) {
    const links = ctx.observables.filter((o) => o.kind === 'url' && o.details?.service === 'other');
    if (links.length === 0) return null;
    const ask = ctx.find(SIGN_IN);
    if (ask.length === 0) return null;
    const known = knownDomains(ctx.directory);
    const foreign = links.filter((o) => !known.domains.some((d) => onDomain(String(o.details?.host ?? ''), d)));
    if (foreign.length === 0) return null; // the company's own portal, or the partner's own site
    const host = (o: (typeof links)[number]) => String(o.details?.host ?? '');
    const lookalike = foreign.find((o) => typeof o.details?.brandLookalike === 'string') ?? foreign.find((o) => known.labels.some((l) => host(o).includes(l)));
    const official = [SUPPORT_CLAIM, AUTHORITY_CLAIM, ...(ctx.senderInLedger ? [] : [BANK_CLAIM])].some((l) => ctx.find(l).length > 0);
    const credentials = ctx.find(CREDENTIAL_ENTRY);
    const strong = lookalike !== undefined || official || credentials.length > 0;
    return { evidence: [ask[0]!, (lookalike ?? foreign[0]!).evidence, ...credentials.slice(0, 1)], strength: strong ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      '契約更新のため、下記フォームより管理者IDをご入力ください。https://chatwork-check.example.com/admin',
      'こちらから再ログインしてください https://login.example.net/',
      '請求書を共有します。閲覧には御社のMicrosoftアカウントでのサインインが必要です。https://aoba-bussan-docs.example.net/inv',
      'Please review the contract here, you will need to sign in with your company email and password: https://secure-docs.example.top/view',
      'Statement attached for your approval: https://docusgn-portal.example.net/s/77 (confirm your email with your Microsoft 365 password to open the file).',
      { body: 'Updated price list: https://kestrel-marine-files.example.org/x — log in with your work account to open it.', sender: { accountId: 4000002, name: 'Fiona Marsh' } },
      'Proof of payment for the three invoices, download here: https://tamra-docs.example.top/d/31 The file password is your email password.',
      '10月分の支払明細です。下記URLからPDFをダウンロードしてください。https://nagisa-payments.example.net/a?id=77\n※ダウンロードにはOffice365アカウントでの認証が必要です',
    ],
    noMatch: [
      '明日の打ち合わせのURLです。https://meet.example.com/abc',
      'ログインできない場合は情報システムへ。',
      '新しい勤怠ポータルに社内アカウントでログインしてください。https://portal.minato-seiki.example.jp/attendance',
      'Our order portal is at https://orders.kestrel-marine.example.com — log in with the account we set up last year.',
    ],
  },
};
