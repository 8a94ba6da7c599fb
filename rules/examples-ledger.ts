/**
 * The fictitious ledger that rule examples are written against (株式会社みなと精機). It is not the
 * development corpus's company, so examples can't quietly depend on the corpus.
 */
import type { Directory } from '../src/domain/directory.ts';

export const examplesLedger: Directory = {
  organization: { name: '株式会社みなと精機', domain: 'minato-seiki.example.jp' },
  people: [
    { name: '山本 健一', kana: 'ヤマモト ケンイチ', role: '代表取締役社長', executive: true, chatworkAccountId: 3000001, email: 'k.yamamoto@minato-seiki.example.jp', phone: '06-0000-1001' },
    { name: '齋藤 花子', kana: 'サイトウ ハナコ', role: '取締役 経理部長', executive: true, chatworkAccountId: 3000002, email: 'h.saito@minato-seiki.example.jp', phone: '06-0000-1002' },
    { name: '小林 誠', kana: 'コバヤシ マコト', role: '経理課', executive: false, chatworkAccountId: 3000003, email: 'm.kobayashi@minato-seiki.example.jp', phone: '06-0000-1003' },
  ],
  counterparties: [
    {
      company: '株式会社あおば物産',
      contactName: '佐々木 亮',
      chatworkAccountId: 4000001,
      email: 'r.sasaki@aoba-bussan.example.jp',
      phone: '06-0000-2001',
      bankAccounts: [{ bank: '三井住友銀行', branch: '梅田支店', type: '普通', number: '1234567', holder: 'カ)アオバブッサン' }],
    },
  ],
};
