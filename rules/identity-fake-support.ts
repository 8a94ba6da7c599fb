import { ACCOUNT_THREAT, PLATFORM_BRAND, SUPPORT_CLAIM } from './lexicons/identity.ts';
import { CALL_ME } from './lexicons/offplatform.ts';
import { ADMIN_RIGHTS, CODE_ARRIVES, PERSONAL_DATA, SECRETS } from './lexicons/secrets.ts';
import { lexicon, type Lexicon } from '../src/detection/lexicon.ts';
import { WRITER_NEVER_ASKS } from './lexicons/requests.ts';
import { SUPPORT_REGEXES, asked, pairWithin } from './support.ts';
import { companyCore, latinCompanyCore } from '../src/detection/identity.ts';
import type { Rule, RuleContext } from '../src/detection/rule.ts';
import type { Evidence } from '../src/domain/detection.ts';

/** A department of the company itself: an outside account named "<company> HR" speaks for it. */
const DEPARTMENT = lexicon('department', [
  '人事', '総務', '経理', '財務', '情報システム', '情シス', '給与', '法務', 'hr', 'payroll', 'finance', 'accounting', 'it', 'admin', 'legal',
  'helpdesk', 'help desk', 'security', 'audit', 'treasury',
]);

/** Does a display name outside the ledger claim one of the company's own departments ("Minato Seiki HR - Payroll")? */
function claimsOwnDepartment(ctx: RuleContext): boolean {
  const name = ctx.senderNameFolded;
  if (!ctx.nameHas(DEPARTMENT)) return false;
  const org = ctx.directory.organization.name;
  if (!org) return false;
  const core = companyCore(org);
  const latin = latinCompanyCore(org.normalize('NFKC'));
  const domainWord = (ctx.directory.organization.domain ?? '').split(SUPPORT_REGEXES.domainLabels)[0] ?? '';
  return (core.length >= 2 && name.includes(core)) || (latin.length > 0 && name.includes(latin.join(' '))) || (domainWord.length >= 4 && name.includes(domainWord));
}

/** Someone posing as Chatwork / kubell operations, a security desk or IT support asks for what support never asks for. */
export const identityFakeSupport: Rule = {
  id: 'identity.fake_support',
  category: 'identity',
  title: { ja: 'Chatwork運営・サポート・セキュリティ窓口を装う連絡', en: 'Posing as Chatwork, a security desk or IT support' },
  explanation: {
    ja: 'Chatwork（kubell）の運営・事務局・サポート、セキュリティ窓口、ITサポートなどを名乗る台帳外のアカウントが、パスワード、認証コード、管理者権限、本人確認書類、電話での連絡を求めたり、アカウント停止をほのめかしたりしています。kubell（Chatwork運営）がチャットで口座番号・暗証番号・パスワードを求めることは一切ありません。',
    en: 'An account outside the ledger claims to be Chatwork (kubell) operations or support, a security desk or IT support, and asks for a password, a verification code, admin rights, ID documents or a phone call, or threatens the account. kubell (Chatwork) never asks for account numbers, PINs or passwords in chat.',
  },
  match(ctx) {
    // The company's own IT staff and partners' genuine accounts are who they say; a taken-over one is caught by what it asks.
    if (ctx.senderInLedger) return null;
    const senderName = ctx.senderNameFolded;
    const claimedByName = ctx.nameHas(SUPPORT_CLAIM) || ctx.nameHas(PLATFORM_BRAND) || claimsOwnDepartment(ctx);
    const claim = ctx.find(SUPPORT_CLAIM);
    if (!claimedByName && claim.length === 0) return null;
    // A desk that writes "we will never ask for your password" is announcing, not demanding: there, a secret
    // counts only where it is asked for, never where it is merely named (a reset done in the product, the disclaimer itself).
    const disclaimers = ctx.find(WRITER_NEVER_ASKS);
    const text = ctx.text.original;
    const inDisclaimer = (e: Evidence): boolean => disclaimers.some((d) => d.start < e.end && e.start < d.end) || pairWithin(text, [e], disclaimers, 40).length > 0;
    const named = (lexicon: Lexicon): Evidence[] => {
      if (disclaimers.length === 0) return ctx.find(lexicon);
      const request = asked(ctx, lexicon);
      return request.some(inDisclaimer) ? [] : request;
    };
    const ask = [...named(SECRETS), ...named(PERSONAL_DATA), ...ctx.find(ACCOUNT_THREAT), ...named(ADMIN_RIGHTS), ...named(CODE_ARRIVES)];
    const call = ctx.observables.some((o) => o.kind === 'phone') ? ctx.find(CALL_ME) : [];
    const demand = [...ask, ...call];
    if (demand.length === 0) return null;
    return { evidence: [...claim.slice(0, 1), ...demand.slice(0, 3)], strength: 'strong' };
  },
  examples: {
    match: [
      { body: '不審なログインが検出されました。パスワードをこのチャットにご返信ください。', sender: { name: 'Chatworkサポート' } },
      '【チャットワーク運営事務局】規約違反の疑いでアカウントが凍結されます。認証コードを送ってください。',
      { body: 'アカウントの確認が必要です。運転免許証の写真を送ってください。', sender: { name: 'kubell セキュリティセンター' } },
      { body: '本人確認のため、運転免許証の画像をアップロードしてください。', sender: { accountId: 9999020, name: 'チャットワーク本人確認' } },
      { body: 'This is the IT Service Desk. Please reply with the 6-digit code you will receive by SMS.', sender: { accountId: 9999021, name: 'IT Service Desk' } },
      { body: '被害拡大防止のため、管理者様とお電話で状況確認をさせてください。03-0000-4417', sender: { accountId: 9999022, name: 'セキュリティ窓口' } },
    ],
    noMatch: [
      '情報システム課です。パスワードポリシーを変更します。チャットにはパスワードを書かないでください。',
      { body: 'お問い合わせありがとうございます。資料をお送りします。', sender: { name: 'Chatworkサポート' } },
      { body: 'ヘルプデスクです。明日からパスワードの有効期限が90日になります。', sender: { accountId: 3000005, name: '大西 由香' } },
      { body: 'サポート担当の交代のご挨拶です。設定変更は管理画面からお願いします。なお、当社からパスワードや認証コードをお伺いすることはございません。', sender: { accountId: 9999023, name: 'ミドリ会計クラウド サポート 小池' } },
      { body: 'Hello from the support team of your expense tool. Release notes are in the admin console. We will never ask for your password or verification codes.', sender: { accountId: 9999024, name: 'Ledgerly Support' } },
    ],
  },
};
