import { IN_THIS_CHAT, SEND_TO_ME } from './lexicons/requests.ts';
import { NON_ACCOUNT_SECRETS, SECRETS } from './lexicons/secrets.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Passwords, PINs or one-time codes asked for in chat. */
export const credentialSecretRequest: Rule = {
  id: 'credential.secret_request',
  category: 'credential',
  title: { ja: 'パスワード・認証コードの要求', en: 'Asks for passwords or codes' },
  explanation: {
    ja: 'パスワード、暗証番号、ワンタイムパスワード、認証コード、ログイン情報をチャットで求めています。正規の担当者や金融機関、kubellがこれらをチャットで求めることはありません。',
    en: 'Asks for a password, PIN, one-time password, verification code or login details in chat. Genuine staff, banks and kubell never ask for these in chat.',
  },
  match(ctx) {
    const ask = ctx.near(SECRETS, SEND_TO_ME, { maxGap: 30, anyOrder: true, unless: NON_ACCOUNT_SECRETS });
    const here = ask.length > 0 ? ask : ctx.near(SECRETS, IN_THIS_CHAT, { maxGap: 20, anyOrder: true, unless: NON_ACCOUNT_SECRETS });
    return here.length > 0 ? { evidence: here, strength: 'strong' } : null;
  },
  examples: {
    match: [
      'ネットバンキングのログインIDとパスワードを教えてください。',
      'スマホに届いた6桁の認証コードをこのチャットに返信してください。',
      '法人カードの暗証番号を送ってください。',
    ],
    noMatch: [
      'チャットにはパスワードを書かないようにお願いします。',
      '添付ファイルのパスワードは別メールでお送りします。',
      '電話でお伝えした仮パスワードでログインして、すぐに変更してください。',
      '資料はパスワード付きZIPで送ってください。',
      '添付ファイルのパスワードを別途お送りください。',
      '来客用のWi-Fiのパスワードを教えてください。',
    ],
  },
};
