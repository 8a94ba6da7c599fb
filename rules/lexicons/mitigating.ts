/** Signs of an ordinary, verifiable business process, or of a warning about fraud itself. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Verification through the company's own records and formal channels. */
export const VERIFIED_PROCESS = lexicon('verified-process', [
  '取引先台帳', '台帳に載', '台帳と突き合わせ', '台帳の番号', '台帳の連絡先', '所定の用紙', '所定の様式', '所定の書式',
  '所定のフォーム', '所定の申請', '依頼書', '口座届', '原本', '郵送で', '郵送にて', '稟議承認済', '承認済み', '共有フォルダ',
  '人事システム', '社内システムから', 'ワークフロー', '申請を回し', '番号は変わりません', '既知の連絡先', '電話で確認',
  '電話でお伝えした', '別途お電話', '別途電話', '別メールで', '別途メール',
]);

/** A message that warns about fraud or tells people not to share secrets. */
export const AWARENESS = lexicon('awareness', [
  '注意喚起', '詐欺', 'なりすまし', '不審なメッセージ', '書かないように', '書かないで', '教えないで', '送らないで',
  '返信せずに', '応じないで',
]);
