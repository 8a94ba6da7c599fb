/** Signs of an ordinary, verifiable business process, or of a warning about fraud itself. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Verification through the company's own records and formal channels. */
export const VERIFIED_PROCESS = lexicon('verified-process', [
  '取引先台帳', '台帳に載', '台帳と突き合わせ', '台帳の番号', '台帳の連絡先', '所定の用紙', '所定の様式', '所定の書式',
  '所定のフォーム', '所定の申請', '依頼書', '口座届', '原本', '郵送で', '郵送にて', '稟議承認済', '承認済み', '共有フォルダ',
  '人事システム', '社内システムから', 'ワークフロー', '申請を回し', '番号は変わりません', '既知の連絡先', '電話で確認',
  '電話でお伝えした', '別途お電話', '別途電話', '別メールで', '別途メール', '稟議が下り', '稟議済', '受領簿', '金庫で保管',
  'registered in your system', 'as per our agreement', 'terms as per agreement', 'per our contract', 'signed original',
  'by post', 'through the portal', 'via the portal', 'in the portal', 'via workflow', 'approved po', 'purchase order',
]);

/** The process is skipped or put off: 「人事システムは後で」「ワークフローを通すと間に合わない」 is no process at all. */
export const PROCESS_DEFERRED = lexicon('process-deferred', [
  '後で', 'あとで', '後ほど', '後日', '明日', '間に合わない', '見れなく', '見られなく', '使えなく', 'できなく', '通さず', '通さない',
  'later', 'tomorrow', 'closed', "can't", 'cannot', 'not working', 'skip', 'bypass', 'is down',
]);

/** What names a fraud (or tells people not to share secrets): a warning must name one besides its voice ("do not reply" alone names nothing). */
export const FRAUD_NAMED = lexicon('fraud-named', [
  '注意喚起', '詐欺', 'なりすまし', '不審なメッセージ', 'フィッシング', '偽サイト', '偽のメール', '不審なメール', '不審なアカウント', '騙され',
  '書かないように', '書かないで', '教えないで', '送らないで', 'を装った', 'を装う', 'を装い', 'を装って', '偽装', '偽の', '偽アカウント', '不審な',
  'scam', 'scams', 'fraud', 'phishing', 'impersonation', 'impersonating', 'fake', 'suspicious message', 'suspicious messages', 'never ask', 'will never ask',
  "not ours", "isn't ours", 'not genuine', "isn't genuine", 'not legitimate', 'never need', 'never needs', 'never asks', '本物ではありません', '当社のアカウントではありません',
  'pretending to be', 'posing as', 'impersonate', 'spoofed', 'spoofing', 'scammer', 'scammers', 'fraudster', 'fraudsters',
  // Training and checklists name fraud by its signs and its trade name.
  'red flag', 'red flags', 'bec', 'business email compromise', '不審な依頼', '詐欺の手口',
]);

/**
 * A warning's own voice: what a notice tells its readers to do about fraud (report it, ignore it,
 * verify by a known number) or says about a message (「これは詐欺です」, "that was a scam").
 */
export const WARNING_VOICE = lexicon('warning-voice', [
  'ご注意ください', '注意してください', 'ご注意を', '気をつけて', '気を付けて', '応じないでください', '返信せずに', '返信しないで',
  '承認せず', '承認しないで', '転送してください', '報告してください', 'ご報告ください', '連絡してください', '本人確認をお願い', '本人確認してください',
  '必ず台帳', '既知の連絡先', '掛けないこと', 'かけないこと', 'かけないでください', '開かないで', 'クリックしないで', '事例が',
  'よくある文面', '以下のような', 'こうした依頼', 'このような依頼', '手口', '詐欺です', '詐欺でした', 'なりすましです', 'なりすましでした',
  '偽物です', '偽物でした', 'ブロックしました', '削除しました', '報告済み', '通報しました', '対応不要です', '無視してください',
  'please be careful', 'be careful', 'beware', 'be aware', 'watch out', 'do not reply', "don't reply", 'do not respond',
  'do not click', "don't click", 'report it', 'report them', 'report to', 'forward it to', 'verify by', 'verify via', 'verify through',
  'was a scam', 'is a scam', 'was fake', 'is fake', 'was phishing', 'is phishing', 'we have blocked', 'we blocked', 'please ignore',
  'never ask', 'will never ask', 'examples of', 'typical', 'never reply', 'never respond', "don't respond", 'registered number',
  'number on file', 'known number', 'blocked it', 'reported it', "i've reported", "don't send", 'do not send', 'if you receive', 'if you get a', 'such messages', 'such message', 'such requests', '要注意', '受け付けない', '受け付けません',
  // A hypothetical ask ("if someone asks you to …", 「…と言われたら」) and training material describe a fraud, they ask nothing.
  'if someone', 'if anyone', 'if somebody', 'if a caller', 'training', 'quiz', 'walk through', 'と言われたら', 'と頼まれたら', '依頼が来たら', '連絡が来たら', 'と言われても', '研修', '訓練',
]);
