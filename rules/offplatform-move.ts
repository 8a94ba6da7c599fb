import { CHAT_APPS, DROPPED, LEAVING_PLATFORM, MOVE_AWAY, PLATFORM_SUBJECT } from './lexicons/offplatform.ts';
import { SUPPORT_REGEXES, pairWithin } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

const AMBIGUOUS_APP = SUPPORT_REGEXES.ambiguousApp;
const APP_CASE = SUPPORT_REGEXES.appCase;

/** "Let's continue on WhatsApp", "we are leaving Chatwork, contact me on WeChat or my personal mail". */
export const offplatformMove: Rule = {
  id: 'offplatform.move',
  category: 'offplatform',
  title: { ja: '外部アプリ・個人メールへの移動の依頼', en: 'Asks to move to another app or a personal e-mail' },
  explanation: {
    ja: 'LINE・LINE WORKS・WhatsApp・Telegram・WeChat・Signal・個人のメールなどへ会話を移すよう求めています（「Chatworkをやめる」「この番号に連絡を」など）。会社の目の届かない場所へ移すのは、送金や情報を引き出す前の典型的な一手です。',
    en: 'Asks to move the conversation to LINE, LINE WORKS, WhatsApp, Telegram, WeChat, Signal or a personal e-mail ("we are leaving Chatwork", "message me there"): the usual step before money or data is asked for where nobody else can see.',
  },
  match(ctx) {
    if (!ctx.has(CHAT_APPS)) return null;
    // "line" and "signal" are English words too: as apps they are written LINE / Signal.
    const app = ctx.find(CHAT_APPS).filter((e) => !AMBIGUOUS_APP.test(e.text) || APP_CASE.test(e.text));
    if (app.length === 0) return null;
    const move = pairWithin(ctx.text.original, app, ctx.find(MOVE_AWAY), 48);
    if (move.length > 0) return { evidence: move, strength: 'strong' };
    const leaving = [...ctx.find(LEAVING_PLATFORM), ...ctx.near(PLATFORM_SUBJECT, DROPPED, { maxGap: 24 })];
    if (leaving.length > 0) return { evidence: [leaving[0]!, app[0]!], strength: 'strong' };
    return null;
  },
  examples: {
    match: [
      'Our company is leaving Chatwork next month. Can we continue on WhatsApp? My number is +49 151 0000 0000.',
      '今後のやり取りはLINE WORKSに移行したいので、こちらで連絡をお願いします。',
      'Please contact me on my personal email from now on, the company mail is being migrated.',
      'Chatworkは来月から使わない方針になりました。今後の連絡はSignalでお願いします。',
      '見積の資料は社内で回覧しづらいので、私の個人アドレス宛てにお送りいただけますか。',
      'いつもありがとうございます。今後はWeChatのほうが早いので、ID: sora_trade77 に追加お願いします。',
      'Thanks for the call! Telegram is quicker for me these days, easier to reach me there: @kaito_ops.',
    ],
    noMatch: [
      'LINE IDは名刺に載っています。',
      '出欠は総務の共有シートに入力してください。',
      'We use WhatsApp internally, but please keep using Chatwork with us.',
      'From next quarter we will move to the new product line and signal the change to dealers.',
    ],
  },
};
