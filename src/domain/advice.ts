/**
 * What kakunin tells the employee who reported, on every channel (the Chatwork reply, the web
 * form's result page): one place, so the advice always matches the verdict.
 *
 * - medium/high: Chatwork's checklist (2026-01 impersonation FAQ): send nothing; verify through the
 *   ledger's contact, never one written in the message; keep records; remove the contact and leave
 *   the group (unless the sender's account is the ledger's own: then it may be taken over, and the
 *   person must be told through the ledger contact instead of being removed); bring in legal/IT,
 *   the bank and the police if money or information went out.
 * - none/low: what was checked, that nothing (or only something weak) pointed to fraud, and to verify
 *   through the ledger contact if still in doubt. Never "remove the contact": it may be a real partner.
 * - "legal/IT were notified" only when a card was actually queued for people to see.
 *
 * Pure: the caller escapes names and contacts for its platform (they come from the ledger, which
 * an admin imported, but are still shown as text).
 */
import type { Bilingual, IdentityMatch, Verdict } from './detection.ts';

export interface AdviceInput {
  severity: Verdict;
  /** The ledger person, partner or support desk the message names or imitates. */
  impersonated: IdentityMatch | null;
  /** The sender's account id is the ledger's own for someone (a real colleague or partner). */
  senderInLedger: boolean;
  /** A card went (or is going) to legal/IT in Slack, Teams or the console inbox. */
  escalated: boolean;
}

/** The contact to verify through, from the ledger: never one from the message. */
export interface VerifyContact {
  name: string;
  /** Company and/or role. */
  org: string | null;
  phone: string | null;
  email: string | null;
}

export interface Advice {
  /** One line on the verdict. */
  verdict: Bilingual;
  /** What kakunin compared (shown for none/low, so "nothing found" says against what). */
  checked: Bilingual[];
  /** Whether legal/IT were told; null when they were not. */
  notified: Bilingual | null;
  /** Heading of the steps. */
  stepsTitle: Bilingual;
  /** What to do now, in order. Lines that name `contact` say so with `{contact}`. */
  steps: Bilingual[];
  /** The ledger contact to call or mail, when the message names someone in the ledger. */
  contact: VerifyContact | null;
  /** True for the full checklist (medium/high). */
  alarming: boolean;
}

const VERDICT: Record<Verdict, Bilingual> = {
  high: { ja: 'なりすまし詐欺の可能性が高いです。', en: 'Very likely impersonation fraud.' },
  medium: { ja: '詐欺の疑いがあります。', en: 'Suspicious: it may be fraud.' },
  low: { ja: '弱い兆候がありますが、詐欺とまでは言えません。', en: 'Some weak warning signs, but nothing that points clearly to fraud.' },
  none: { ja: '詐欺を示す兆候は見つかりませんでした。', en: 'Nothing pointed to fraud.' },
};

const NEVER_MESSAGE_CONTACT: Bilingual = {
  ja: 'メッセージに書かれた電話番号・メールアドレス・リンクには連絡しないでください。',
  en: 'Never use a phone number, address or link written in the message.',
};

/** The ledger contact of the person or partner the message is about (none for a support claim). */
export function verifyContact(who: IdentityMatch | null): VerifyContact | null {
  if (!who || who.kind === 'support') return null;
  const org = [who.company, who.role].filter((x): x is string => !!x && x !== who.name).join(' ');
  return { name: who.name, org: org || null, phone: who.verifyWith.phone ?? null, email: who.verifyWith.email ?? null };
}

/** The verification step: through the ledger's contact when there is one, never the message's. */
function verifyStep(who: IdentityMatch | null, contact: VerifyContact | null): Bilingual {
  if (who?.kind === 'support') {
    return {
      ja: `Chatwork 運営（kubell）が、チャットで口座情報・パスワード・認証コード・送金を求めることはありません。${NEVER_MESSAGE_CONTACT.ja}`,
      en: `Chatwork (kubell) staff never ask for bank details, passwords, codes or money in chat. ${NEVER_MESSAGE_CONTACT.en}`,
    };
  }
  if (contact && (contact.phone || contact.email)) {
    return {
      ja: `{contact} に、台帳の連絡先で本人に確認してください。${NEVER_MESSAGE_CONTACT.ja}`,
      en: `Verify with {contact} through the contact in your ledger. ${NEVER_MESSAGE_CONTACT.en}`,
    };
  }
  if (contact) {
    return {
      ja: `{contact} に、取引台帳・名刺・社内名簿にある既知の連絡先で本人に確認してください。${NEVER_MESSAGE_CONTACT.ja}`,
      en: `Verify with {contact} through a contact you already know (ledger, business card, staff directory). ${NEVER_MESSAGE_CONTACT.en}`,
    };
  }
  return {
    ja: `依頼主本人に、取引台帳・名刺・社内名簿にある既知の連絡先（メール・電話）で確認してください。${NEVER_MESSAGE_CONTACT.ja}`,
    en: `Verify with the person through a contact you already know (ledger, business card, staff directory). ${NEVER_MESSAGE_CONTACT.en}`,
  };
}

/**
 * The advice for one report.
 * @example buildAdvice({ severity: 'none', impersonated: null, senderInLedger: true, escalated: false }).steps[0]?.ja
 *   // '念のため不安が残る場合は、…'
 */
export function buildAdvice(input: AdviceInput): Advice {
  const contact = verifyContact(input.impersonated);
  const alarming = input.severity === 'medium' || input.severity === 'high';
  const verify = verifyStep(input.impersonated, contact);
  const notified: Bilingual | null = input.escalated
    ? { ja: '法務・情報システム担当に通知しました。', en: 'Legal/IT have been notified.' }
    : null;
  const checked: Bilingual[] = [
    { ja: '送信者の名前とアカウントを社内台帳（役員・社員・取引先）と照合しました。', en: "Compared the sender's name and account with your ledger (executives, staff, partners)." },
    { ja: '振込先口座・電話番号・リンクなどを台帳の登録内容と照合しました。', en: 'Compared bank accounts, phone numbers and links with what the ledger has registered.' },
    { ja: '送金・口座変更・認証情報の依頼、急がせる・口止めする表現などを調べました。', en: 'Looked for requests for money, bank changes or credentials, and for pressure or secrecy.' },
  ];
  if (!alarming) {
    return {
      verdict: VERDICT[input.severity],
      checked,
      notified,
      alarming,
      contact,
      stepsTitle: { ja: '念のため:', en: 'To be safe:' },
      steps: [
        contact
          ? { ja: `まだ不安が残る場合は、{contact} に台帳の連絡先で確認してください。${NEVER_MESSAGE_CONTACT.ja}`, en: `If you are still unsure, confirm with {contact} through the contact in your ledger. ${NEVER_MESSAGE_CONTACT.en}` }
          : { ja: `まだ不安が残る場合は、相手に既知の連絡先（取引台帳・名刺・社内名簿）で確認してください。${NEVER_MESSAGE_CONTACT.ja}`, en: `If you are still unsure, confirm with the sender through a contact you already know (ledger, business card, staff directory). ${NEVER_MESSAGE_CONTACT.en}` },
        { ja: '送金や振込先の変更は、チャットだけで完結させず、社内の承認手続きを通してください。', en: 'Never settle a payment or a change of bank account in chat alone; use your approval process.' },
      ],
    };
  }
  const takenOver = input.senderInLedger;
  return {
    verdict: VERDICT[input.severity],
    checked,
    notified,
    alarming,
    contact,
    stepsTitle: { ja: '今すぐ行ってください:', en: 'Do this now:' },
    steps: [
      { ja: '送金、口座情報・個人情報・認証コード・QRコードなどの送信はしないでください。', en: 'Do not transfer money or send account details, personal data, codes or QR codes.' },
      verify,
      { ja: 'スクリーンショットなど、プロフィールとやり取りの記録を保存してください。', en: 'Keep screenshots of the profile and the conversation.' },
      takenOver
        ? {
            ja: '送信元は台帳に登録されたアカウントです。乗っ取られている可能性があるため、コンタクトは削除せず、台帳の連絡先で本人に知らせてください。',
            en: "The sender is the account in your ledger: it may have been taken over. Don't remove the contact; tell the person through the ledger contact.",
          }
        : { ja: '相手をコンタクトから削除し、グループチャットから退出（または相手を削除）してください。', en: 'Remove the contact and leave the group chat (or remove them from it).' },
      {
        ja: 'すでに送金や情報提供をした場合: すぐに社内の法務・情報システム部門、金融機関（振込先と自社の取引銀行）、警察に連絡してください。',
        en: 'If money or information already went out: call legal/IT, the banks (the payee bank and your own) and the police now.',
      },
    ],
  };
}

/**
 * Advice that says nothing about the report's verdict, the ledger or other cases: for a reporter
 * through the public report link, who may be an outsider (the verdict could be raised by a match
 * with a confirmed fraud, telling them an account is already known; a ledger contact is an
 * executive's phone number). Chatwork's general steps, with removing the contact only for a new one.
 */
export function generalAdvice(): Advice {
  return {
    verdict: { ja: 'ご報告を受け付けました。問い合わせには受付番号をお伝えください。', en: 'Your report was received. Quote the receipt number if you ask about it.' },
    checked: [],
    notified: null,
    alarming: false,
    contact: null,
    stepsTitle: { ja: 'それまでの間:', en: 'Meanwhile:' },
    steps: [
      { ja: 'チャットの依頼だけで、送金・口座情報・個人情報・認証コードの提供をしないでください。', en: 'Do not send money, account details, personal data or codes on a chat request alone.' },
      verifyStep(null, null),
      { ja: 'スクリーンショットなど、プロフィールとやり取りの記録を保存してください。', en: 'Keep screenshots of the profile and the conversation.' },
      {
        ja: '最近承認したばかりの相手なら、コンタクトから削除し、グループチャットから退出（または相手を削除）してください。',
        en: 'If you approved this contact only recently, remove it and leave the group chat (or remove them from it).',
      },
      {
        ja: 'すでに送金や情報提供をした場合: すぐに社内の法務・情報システム部門、金融機関（振込先と自社の取引銀行）、警察に連絡してください。',
        en: 'If money or information already went out: call legal/IT, the banks (the payee bank and your own) and the police now.',
      },
    ],
  };
}

/** The contact as one line: 「宮﨑 律子（経理財務部長） ☎ 092-000-1004 / ✉ r.m@example.jp」. */
export function contactLine(c: VerifyContact, lang: 'ja' | 'en'): string {
  const who = c.org ? (lang === 'ja' ? `${c.name}（${c.org}）` : `${c.name} (${c.org})`) : c.name;
  const how = [c.phone ? `☎ ${c.phone}` : null, c.email ? `✉ ${c.email}` : null].filter(Boolean).join(' / ');
  return how ? `${who} ${how}` : who;
}
