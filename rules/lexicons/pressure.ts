/** Pressure: hurry, secrecy, isolation, and excuses for not being reachable, in Japanese and English. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Hurry taken back: 「急ぎません」 "not urgent", "no rush". */
export const NOT_URGENT = lexicon('not-urgent', [
  '急ぎません', '急ぎではありません', '急ぎではない', '急ぎではございません', '至急ではありません', '急がなくて', '急ぎの件ではありません',
  'not urgent', 'nothing urgent', 'no rush', 'no hurry', 'not time sensitive', 'not in a hurry', 'whenever you can',
]);

export const URGENCY = lexicon('urgency', [
  '至急', '大至急', '今日中', '本日中', '今すぐ', 'すぐに', '急ぎ', '急いで', '緊急', 'なる早', 'なるはや', '早急', '直ちに',
  '今日の午前中', '本日の午前中', '本日の午後', '今日の15時', '本日付', 'asap', 'urgent', '期限:本日', '期限は本日',
  '回答期限', '24時間以内', '急で悪い', '急なお願い', '今日どうしても', '明日午前中', '明日の午前中', '今夜中', '本日夜',
  // English
  'urgently', 'right away', 'immediately', 'right now', 'as soon as possible', 'by today', 'today itself', 'by end of day', 'end of day', 'eod',
  'close of business', 'by tonight', 'same day', 'same-day', 'within 24 hours', 'within 48 hours', 'within the hour',
  'within 10 minutes', 'within 60 seconds', 'in the next hour', 'expires in', 'expires quickly', 'before the cut off',
  'before the cutoff', 'time sensitive', 'time-sensitive', 'on short notice', 'before close of business',
]);

export const SECRECY = lexicon('secrecy', [
  '内密', '極秘', '他言無用', '口外しない', '口外無用', '内緒', '秘密', '誰にも言わ', '誰にも話さ', '誰にも伝え', '誰にも相談',
  '言わないで', '話さないで', '伝えないで', '知らせないで', '共有しないで', '共有は不要', '報告は不要', '報告不要', '言わずに',
  '相談せずに', '報告せずに', '他の人には', '他の方には', '他の方への共有', '私と直接', '二人だけ', '2人だけ', 'あなたと私だけ',
  '私とあなただけ', '私と2人', '私と二人', '招待しないで', '公表前', '他のメンバーには', '社内では', '君しか頼れない',
  'あなたしか頼れない', 'あなたにしか頼めない', '君にしか頼めない', 'あなただけが頼り', '厳秘', '守秘義務', 'ご協議はお控え',
  '以外の方とのご協議', 'のみでお進め', '声をかけずに', 'お名前は出しません', '名前は出さない', '表に出さない', '社内でも',
  // English
  'confidential', 'strictly confidential', 'keep this between', 'keep it between', 'between us', 'between you and me',
  'keep this quiet', 'keep it quiet', 'keep quiet', 'keep this to yourself', 'keep it to yourself', 'discreet', 'discreetly',
  "don't tell", 'do not tell', "don't mention", 'do not mention', "don't discuss", 'do not discuss', 'not be discussed',
  'must not discuss', 'must not be discussed', 'not discuss this', 'not discussed', 'not to discuss', 'not be shared with', "don't share this", 'do not share this', "don't cc",
  'do not cc', "don't copy", 'do not copy', "don't loop in", 'do not loop in', "don't involve", 'do not involve',
  'sole point of contact', 'single point of contact', 'only point of contact', 'no one else', 'nobody else', 'tell no one',
  'not a word', 'off the record', "don't log a ticket", 'do not log a ticket', "don't raise a ticket", 'under nda',
]);

export const UNREACHABLE = lexicon('unreachable', [
  '電話に出られない', '電話に出られません', '電話に出れない', '電話は無理', '電話ができない', '電話できない', '電話は難しい',
  '会議中', '移動中', '手が離せない', '商談中', '外出中で', '通話できない', '声が出せない', '携帯を変え', '携帯が変わ',
  '機種変更', 'スマホが壊れ', '携帯が壊れ', '携帯をなくし', 'スマホをなくし', 'アカウントを作り直', '新しいアカウント',
  'アカウントを変え', '電話には出られ', '連絡が取れない状態', '電話は今出れない', '今出れない', '出れないので', '出られないので',
  'サブアカウント', '別アカウント', 'スマホ版から', 'pcが使えない', 'パソコンが使えない', '見れなくなって', '見られなくなって',
  'ログインできなくなって', '出張中で', '海外出張中',
  // English
  "can't take calls", 'cannot take calls', "can't talk", 'cannot talk', "can't call", 'cannot call', 'unable to call',
  'in a meeting', 'stuck in a meeting', 'in meetings all day', 'boarding', 'before my flight', 'on a flight', 'travelling',
  'traveling', 'on the road', 'lost my phone', 'phone was stolen', 'phone was nicked', 'mobile was nicked', 'mobile was stolen',
  'new phone', 'new number', 'temp number', 'temporary number', "phone isn't working", 'phone is not working', 'phone is broken',
  'office phone is broken', 'my new account', 'using my new account', 'my personal account', 'second account', 'old one is blocked',
  'old account is blocked', 'locked out', "can't access", 'cannot access', "can't get into", 'cannot get into',
  'not connected to vpn', 'my email is having trouble', 'email is down', 'email is not working', "can't write the details here",
]);

/** "Don't call the company line": cutting the reader off from the real contact. */
export const AVOID_KNOWN_CONTACT = lexicon('avoid-known-contact', [
  '会社の番号にはかけ', '会社にはかけ', '会社には電話し', '代表番号にはかけ', '固定電話にはかけ', '会社の電話にはかけ',
  'いつもの番号にはかけ', '以前の番号にはかけ', '前の番号にはかけ', '古い番号', '会社のメールには', '代表電話は避け', '代表番号は避け',
  '会社の番号は避け', '会社の電話は避け', '会社には連絡しない', '会社に連絡しない', '代表電話は繋がりにくい', '会社の電話は繋がりにくい',
  'メールは使わない', '会社のメールは使わ', 'このチャットだけで', 'ここだけで',
  // English
  "don't use the office line", 'do not use the office line', "don't use the office number", 'do not use the office number',
  "don't use the usual number", 'do not use the usual number', 'office number is not working', 'office line is not working', 'office phone is not working',
  'office line is down', 'office phone is down', '会社の番号は使わ', '代表番号は使わ', '会社の電話は使えな', '代表番号は使えな', "don't use the old", 'do not use the old', "don't use my old",
  "don't call the office", 'do not call the office', "don't call my office", "don't use my company email", 'do not use my company email',
  "don't email", 'do not email', 'reply only in this chat', 'only in this chat', 'only reply here', 'only here', 'not by email',
  "don't use the registered", 'instead of the office',
]);

/** An English ask tied to today ("must be wired today", "send it today"): the Japanese 今日中. The action … */
export const ACT_EN = lexicon('act-en', [
  'wire', 'wired', 'paid', 'pay', 'send', 'sent', 'transfer', 'transferred', 'process', 'processed', 'remit', 'remitted', 'deposit',
  'deposited', 'settle', 'settled', 'done', 'handle', 'handled', 'arrange', 'arranged', 'made', 'complete', 'completed',
]);

/** … and the day. */
export const TODAY_EN = lexicon('today-en', ['today', 'tonight', 'this morning', 'this afternoon', 'this evening']);
