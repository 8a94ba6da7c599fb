import { lexicon } from '../src/detection/lexicon.ts';
import { SUPPORT_CLAIM } from './lexicons/identity.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Signing in or entering details behind a link. */
const SIGN_IN = lexicon('sign-in', [
  'ログインして', 'ログインをお願い', 'ログインの上', 'サインインして', '再ログイン', 'ログイン画面', 'ログインページ', '認証を完了',
  '認証してください', 'アカウント情報を入力', 'ご入力ください', '入力してください', 'ご登録ください', '登録してください', '再登録', '情報を更新',
  'idとパスワードを', 'パスワードを登録', 'パスワードを設定',
  'フォームより', 'フォームから', '下記urlより', '下記リンクより', 'リンクから確認', 'リンクより確認',
]);

/** A link to sign in or enter details, especially on a domain dressed up as a brand. */
export const credentialPhishingLink: Rule = {
  id: 'credential.phishing_link',
  category: 'credential',
  title: { ja: 'ログイン・入力を求めるリンク', en: 'Link asking you to sign in or enter details' },
  explanation: {
    ja: 'リンク先でログインや情報入力をするよう求めています。ChatworkやLINE、銀行に似せたドメインは偽サイトの可能性があります。ブックマークや公式アプリから自分でアクセスしてください。',
    en: 'Asks you to sign in or enter details behind a link. Domains dressed up as Chatwork, LINE or a bank may be fake: go to the service yourself, from a bookmark or the official app.',
  },
  match(ctx) {
    const links = ctx.observables.filter((o) => o.kind === 'url' && o.details?.service === 'other');
    if (links.length === 0) return null;
    const ask = ctx.find(SIGN_IN);
    if (ask.length === 0) return null;
    const lookalike = links.find((o) => typeof o.details?.brandLookalike === 'string');
    const official = ctx.find(SUPPORT_CLAIM).length > 0;
    return { evidence: [ask[0]!, (lookalike ?? links[0]!).evidence], strength: lookalike || official ? 'strong' : 'weak' };
  },
  examples: {
    match: ['契約更新のため、下記フォームより管理者IDをご入力ください。https://chatwork-check.example.com/admin', 'こちらから再ログインしてください https://login.example.net/'],
    noMatch: ['明日の打ち合わせのURLです。https://meet.example.com/abc', 'ログインできない場合は情報システムへ。'],
  },
};
