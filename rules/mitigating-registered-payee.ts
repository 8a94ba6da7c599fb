import { isRegisteredAccount } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Every account in the message is one the ledger already has. */
export const mitigatingRegisteredPayee: Rule = {
  id: 'mitigating.registered_payee',
  category: 'mitigating',
  title: { ja: '台帳に登録済みの振込先', en: 'Payee already in the ledger' },
  explanation: {
    ja: 'メッセージ内の口座は、すべて取引先台帳に登録済みの口座です。',
    en: 'Every bank account in the message is already registered in the ledger.',
  },
  match(ctx) {
    const accounts = ctx.observables.filter((o) => o.kind === 'bank_account');
    if (accounts.length === 0 || !accounts.every((o) => isRegisteredAccount(ctx, o))) return null;
    return { evidence: accounts.map((o) => o.evidence), strength: 'strong' };
  },
  examples: {
    match: ['お振込は三井住友銀行 梅田支店 普通 1234567 カ）アオバブッサン へお願いします。'],
    noMatch: ['下記にお振込ください。みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ'],
  },
};
