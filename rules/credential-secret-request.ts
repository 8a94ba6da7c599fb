import { IN_THIS_CHAT, SEND_TO_ME } from './lexicons/requests.ts';
import { CODE_ARRIVES, CODE_WORD, NON_ACCOUNT_SECRETS, SECRETS } from './lexicons/secrets.ts';
import { closeBy, handOverRequests, notAsked } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Passwords, PINs or one-time codes asked for in chat. */
export const credentialSecretRequest: Rule = {
  id: 'credential.secret_request',
  category: 'credential',
  title: { ja: 'パスワード・認証コードの要求', en: 'Asks for passwords or codes' },
  explanation: {
    ja: 'パスワード、暗証番号、ワンタイムパスワード、SMSや認証アプリの確認コード、ログイン情報をチャットで求めています。正規の担当者や金融機関、kubellがこれらをチャットで求めることはありません。コードを渡すとアカウントが乗っ取られます。',
    en: 'Asks for a password, PIN, one-time password, a code from an SMS or an authenticator app, or login details in chat. Genuine staff, banks and kubell never ask for these in chat; handing over a code hands over the account.',
  },
  match(ctx) {
    if (!ctx.has(SECRETS) && !ctx.has(CODE_ARRIVES)) return null;
    const ask = ctx.near(SECRETS, SEND_TO_ME, { maxGap: 30, anyOrder: true, unless: NON_ACCOUNT_SECRETS });
    const here = ask.length > 0 ? ask : ctx.near(SECRETS, IN_THIS_CHAT, { maxGap: 20, anyOrder: true, unless: NON_ACCOUNT_SECRETS });
    // 「誰にも伝えないこと」 "never share your code": the request word belongs to a prohibition (or to the writer's own offer).
    if (here.length > 0 && !here.some((e) => notAsked(ctx, e))) return { evidence: here, strength: 'strong' };
    // "A code will arrive by SMS … send me what arrives": the code and the request may sit on different lines.
    const arrives = ctx.find(CODE_ARRIVES);
    if (arrives.length === 0) return null;
    const codes = [...ctx.find(SECRETS), ...ctx.find(CODE_WORD)];
    const pair = closeBy(codes, handOverRequests(ctx), 160);
    return pair.length > 0 ? { evidence: [arrives[0]!, ...pair], strength: 'strong' } : null;
  },
  examples: {
    match: [
      'ネットバンキングのログインIDとパスワードを教えてください。',
      '情報システムです。同期エラーの調査のため、お使いのログインパスワードをこちらに返信いただけますか。',
      'スマホに届いた6桁の認証コードをこのチャットに返信してください。',
      '法人カードの暗証番号を送ってください。',
      'いまSMSで確認コードが届きます。\n届いたらこのチャットで教えてください。',
      'Can you send me the verification code that just came to your phone?',
      "I put your number as backup, so you should get a code by SMS now.\nCan you send it to me here?",
      'Please share the admin password and one of the MFA recovery codes here.',
      '振込用の端末を設定し直すので、トークンに表示されている数字をこちらで教えてもらえますか。',
    ],
    noMatch: [
      'チャットにはパスワードを書かないようにお願いします。',
      '添付ファイルのパスワードは別メールでお送りします。',
      '電話でお伝えした仮パスワードでログインして、すぐに変更してください。',
      '資料はパスワード付きZIPで送ってください。',
      '添付ファイルのパスワードを別途お送りください。',
      '来客用のWi-Fiのパスワードを教えてください。',
      "I've unlocked your account. Please set a new password on the self-service page, and don't send it to me or anyone.",
      'The password for the zip file will follow in a separate email.',
      "The archive is encrypted; I'll send the password in another message shortly.",
      'Please send me the source code for review by Friday.',
      '二段階認証を設定してください。認証コードは誰にも伝えないこと。Never share your verification code with anyone.',
    ],
  },
};
