import { lexicon } from '../src/detection/lexicon.ts';
import { closeBy, handOverRequests } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Internal files: schedules, lists, forecasts, price lists, as a file or data. */
const INTERNAL_DOCUMENT = lexicon('internal-document', [
  'excel', 'エクセル', 'スプレッドシート', 'ファイル', 'データ', '一覧', 'リスト', '予定表', '資料', '最新版', '見積書', '請求書の控え', '契約書',
  'spreadsheet', 'file', 'files', 'list', 'schedule', 'forecast', 'report', 'price list', 'po list', 'latest version', 'csv', 'data',
  'doc', 'docs', 'document', 'documents', 'spec', 'link to the', 'download link', 'drive link', 'copy of', 'signed copy', 'nda', 'contract',
]);

/** Being let in: added to a room or group, invited, given access. */
const LET_ME_IN = lexicon('let-me-in', [
  'グループに追加して', 'ルームに追加して', 'グループに入れて', 'ルームに入れて', '招待してもら', '招待して', '追加してもら', '権限をもら',
  'add me to', 'add me back', 'invite me to', 'give me access', 'grant me access', 'let me in', 'share access',
]);

/** Someone asks for the company's internal files in chat: harmless from a colleague, reconnaissance from an impostor. */
export const credentialDocumentRequest: Rule = {
  id: 'credential.document_request',
  category: 'credential',
  title: { ja: '社内資料の送付・ルームへの追加の依頼', en: 'Asks for internal files, data or access' },
  explanation: {
    ja: '社内の予定表・一覧・資料などのファイルやデータをチャットで送るよう、またはルームやグループに追加するよう求めています。本人からなら普段の業務ですが、名前を似せた別アカウントや新しい相手からなら、次の詐欺のための下調べです。',
    en: 'Asks for internal schedules, lists or files to be sent in chat, or to be added to a room or group. Routine from a colleague; from a look-alike account or a new contact, it is reconnaissance for the next fraud.',
  },
  match(ctx) {
    if (!ctx.has(INTERNAL_DOCUMENT) && !ctx.has(LET_ME_IN)) return null;
    const pair = closeBy(ctx.find(INTERNAL_DOCUMENT), handOverRequests(ctx), 30);
    const access = ctx.find(LET_ME_IN);
    const evidence = [...pair, ...access.slice(0, 1)];
    return evidence.length > 0 ? { evidence, strength: 'weak' } : null;
  },
  examples: {
    match: [
      '今月の支払予定表の最新版、Excelで送ってもらえますか？',
      'Could you send me the latest shipping schedule as a spreadsheet?',
      'This is my new account. Can you add me to the project room again?',
    ],
    noMatch: ['資料は共有フォルダに置きました。', 'The report is attached.'],
  },
};
