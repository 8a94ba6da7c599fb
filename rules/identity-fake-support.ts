import { ACCOUNT_THREAT, PLATFORM_BRAND, SUPPORT_CLAIM } from './lexicons/identity.ts';
import { PERSONAL_DATA, SECRETS } from './lexicons/secrets.ts';
import { containsAny } from '../src/detection/lexicon.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Someone posing as Chatwork / kubell support asks for secrets or threatens the account. */
export const identityFakeSupport: Rule = {
  id: 'identity.fake_support',
  category: 'identity',
  title: { ja: 'Chatwork運営・サポートを装う連絡', en: 'Posing as Chatwork / kubell support' },
  explanation: {
    ja: 'Chatwork公式・運営・サポートを名乗り、パスワード、認証コード、本人確認書類を求めたり、アカウント停止をほのめかしたりしています。kubell（Chatwork運営）がチャットで口座番号・暗証番号・パスワードを求めることは一切ありません。',
    en: 'Claims to be Chatwork official support and asks for a password, a verification code or ID documents, or threatens the account. kubell (Chatwork) never asks for account numbers, PINs or passwords in chat.',
  },
  match(ctx) {
    const senderName = ctx.senderNameFolded;
    const claimedByName = containsAny(SUPPORT_CLAIM, senderName) || (!ctx.senderInLedger && containsAny(PLATFORM_BRAND, senderName));
    const claim = ctx.find(SUPPORT_CLAIM);
    if (!claimedByName && claim.length === 0) return null;
    const ask = [...ctx.find(SECRETS), ...ctx.find(PERSONAL_DATA), ...ctx.find(ACCOUNT_THREAT)];
    if (ask.length === 0) return null;
    return { evidence: [...claim.slice(0, 1), ...ask.slice(0, 3)], strength: 'strong' };
  },
  examples: {
    match: [
      { body: '不審なログインが検出されました。パスワードをこのチャットにご返信ください。', sender: { name: 'Chatworkサポート' } },
      '【チャットワーク運営事務局】規約違反の疑いでアカウントが凍結されます。認証コードを送ってください。',
      { body: 'アカウントの確認が必要です。運転免許証の写真を送ってください。', sender: { name: 'kubell セキュリティセンター' } },
      { body: '本人確認のため、運転免許証の画像をアップロードしてください。', sender: { accountId: 9999020, name: 'チャットワーク本人確認' } },
    ],
    noMatch: [
      '情報システム課です。パスワードポリシーを変更します。チャットにはパスワードを書かないでください。',
      { body: 'お問い合わせありがとうございます。資料をお送りします。', sender: { name: 'Chatworkサポート' } },
    ],
  },
};
