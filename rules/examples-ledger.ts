/**
 * The fictitious ledger that rule examples are written against (株式会社みなと精機). It is not a
 * development-corpus company, so examples can't quietly depend on the corpus. It has a Japanese
 * partner with 全銀 codes and romanised names, and a British partner that banks abroad (SWIFT, IBAN).
 */
import type { Directory } from '../src/domain/directory.ts';

export const examplesLedger: Directory = {
  organization: { name: '株式会社みなと精機', domain: 'minato-seiki.example.jp' },
  people: [
    { name: '山本 健一', kana: 'ヤマモト ケンイチ', role: '代表取締役社長', executive: true, chatworkAccountId: 3000001, email: 'k.yamamoto@minato-seiki.example.jp', phone: '06-0000-1001' },
    { name: '齋藤 花子', kana: 'サイトウ ハナコ', role: '取締役 経理部長', executive: true, chatworkAccountId: 3000002, email: 'h.saito@minato-seiki.example.jp', phone: '06-0000-1002' },
    { name: '小林 誠', kana: 'コバヤシ マコト', role: '経理課', executive: false, chatworkAccountId: 3000003, email: 'm.kobayashi@minato-seiki.example.jp', phone: '06-0000-1003' },
    { name: '清水 健太郎', kana: 'シミズ ケンタロウ', role: '取締役 CFO', executive: true, chatworkAccountId: 3000004, email: 'k.shimizu@minato-seiki.example.jp', phone: '06-0000-1004' },
    { name: '大西 由香', kana: 'オオニシ ユカ', role: '情報システム課', executive: false, chatworkAccountId: 3000005, email: 'y.onishi@minato-seiki.example.jp', phone: '06-0000-1005' },
  ],
  counterparties: [
    {
      company: '株式会社あおば物産',
      contactName: '佐々木 亮',
      chatworkAccountId: 4000001,
      email: 'r.sasaki@aoba-bussan.example.jp',
      phone: '06-0000-2001',
      bankAccounts: [
        {
          bank: '三井住友銀行',
          branch: '梅田支店',
          type: '普通',
          number: '1234567',
          holder: 'カ)アオバブッサン',
          bankCode: '0009',
          branchCode: '418',
          bankLatin: 'Sumitomo Mitsui Banking Corporation',
          branchLatin: 'Umeda',
          holderLatin: 'AOBA BUSSAN CO., LTD.',
        },
      ],
    },
    {
      company: 'Kestrel Marine Supplies Ltd',
      contactName: 'Fiona Marsh',
      chatworkAccountId: 4000002,
      email: 'fiona.marsh@kestrel-marine.example.com',
      phone: '+44 20 7946 0011',
      bankAccounts: [
        {
          bank: 'Kestrel Bank plc',
          branch: 'Bristol Harbourside',
          type: '当座',
          number: '77881234',
          holder: 'KESTREL MARINE SUPPLIES LTD',
          swift: 'KSTRGB2LXXX',
          iban: 'GB11KSTR40201577881234',
          country: 'GB',
        },
      ],
    },
  ],
};
