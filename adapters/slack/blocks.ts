/**
 * The Slack card: a pure function from a `CaseCard` to a Block Kit message. The same function
 * renders the first post and every update, so the card always shows the case as it is now,
 * with only the buttons that still make sense for its status.
 *
 * Limits kept (Slack rejects the message otherwise): at most 50 blocks, 3,000 characters per
 * section text, 2,000 per field, 150 in the header, unique block ids. Hostile text (the message,
 * the sender's name, evidence, observables, names and notes) is escaped by escape.ts and sent in
 * `verbatim: true` text objects; only kakunin's own words may mention or link.
 */
import type { types } from '@slack/bolt';
import type { CaseCard } from '../../src/domain/notifier.ts';
import { escapeMrkdwn, fitMrkdwn, fitPlain, quoteMrkdwn, slackLink } from './escape.ts';
import {
  actionLabel,
  BUTTON_LABEL,
  contactAge,
  jst,
  MATCH_HOW_LABEL,
  mentionToken,
  OBSERVABLE_LABEL,
  PLATFORM_LABEL,
  RESOLUTION_LABEL,
  SEVERITY_LABEL,
  STATUS_LABEL,
} from './labels.ts';

type Block = types.KnownBlock;
type Button = types.Button;

/** Block Kit limits this module stays within. */
export const LIMITS = { blocks: 50, sectionText: 3000, field: 2000, fields: 10, header: 150, buttonText: 75, contextElements: 10 } as const;

/** The action ids of the card's buttons; the value of each button is the case ref. */
export const ACTION_IDS = {
  acknowledge: 'case.acknowledge',
  resolveFraud: 'case.resolve.fraud',
  resolveFalsePositive: 'case.resolve.false_positive',
} as const;

/** How many signal sections the card may use before it says "and N more". */
const MAX_SIGNAL_SECTIONS = 4;
const MAX_EVIDENCE_PER_SIGNAL = 3;
const EVIDENCE_CHARS = 120;
const NAME_CHARS = 200;
const LEDGER_EMAIL = /^[A-Za-z0-9.%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;

/** What chat.postMessage / chat.update receive. `text` is the notification and screen-reader text. */
export interface SlackCardMessage {
  text: string;
  blocks: Block[];
}

/** Rendering settings from the configuration. */
export interface CardOptions {
  /** SLACK_MENTION_HIGH: 'here' | 'channel' | 'none' | a user group id. */
  mentionHigh: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: fitPlain(text, max), emoji: true });
const section = (blockId: string, text: string): types.SectionBlock => ({ type: 'section', block_id: blockId, text: mrkdwn(text) });

/** The mention a card carries: only for a high-severity case nobody has picked up yet. */
export function cardMention(card: CaseCard, opts: CardOptions): string | null {
  return card.severity === 'high' && card.status === 'new' ? mentionToken(opts.mentionHigh) : null;
}

/** Builds the whole card for `card`. */
export function buildCardMessage(card: CaseCard, opts: CardOptions): SlackCardMessage {
  const sev = SEVERITY_LABEL[card.severity];
  const mention = cardMention(card, opts);
  const blocks: Block[] = [
    { type: 'header', block_id: 'kkn_header', text: plain(`${sev.emoji} ${sev.ja} ${sev.en} · ${card.ref} · なりすまし疑い / Suspected impersonation`, LIMITS.header) },
  ];
  if (mention) blocks.push(section('kkn_mention', `${mention} 高リスクの報告です。対応をお願いします / High-risk report: please take it.`));
  blocks.push(statusBlock(card), peopleBlock(card));
  const verify = verifyBlock(card);
  if (verify) blocks.push(verify);
  blocks.push({ type: 'divider', block_id: 'kkn_div_message' }, messageBlock(card), ...signalBlocks(card));
  const obs = observablesBlock(card);
  if (obs) blocks.push(obs);
  const linked = linkedBlock(card);
  if (linked) blocks.push(linked);
  blocks.push({ type: 'divider', block_id: 'kkn_div_actions' });
  const buttons = buttonsFor(card);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'kkn_actions', elements: buttons });
  blocks.push({
    type: 'context',
    block_id: 'kkn_footer',
    elements: [mrkdwn(`${slackLink(card.url, `ケースを開く / Open ${card.ref}`)} · 更新 / updated ${jst(card.updatedAt)}`)],
  });
  const statusText = card.resolution ? RESOLUTION_LABEL[card.resolution] : STATUS_LABEL[card.status];
  const text = `${mention ? `${mention} ` : ''}${sev.emoji} [${sev.en}] ${card.ref} なりすまし疑い / Suspected impersonation — ${statusText}`;
  return { text, blocks: blocks.slice(0, LIMITS.blocks) };
}

function statusBlock(card: CaseCard): types.SectionBlock {
  const lines = [`*状態 / Status:* ${STATUS_LABEL[card.status]}${card.resolution ? ` — ${RESOLUTION_LABEL[card.resolution]}` : ''}`];
  const a = card.lastAction;
  if (a) {
    const who = fitMrkdwn(a.actor.displayName || a.actor.userId, NAME_CHARS);
    const label = actionLabel(a.action);
    lines.push(`*最終操作 / Last action:* ${escapeMrkdwn(`${label.ja} / ${label.en}`)} — ${who} (${PLATFORM_LABEL[a.actor.platform]}) · ${jst(a.at)}`);
    if (a.note) lines.push(`*メモ / Note:* ${fitMrkdwn(a.note, 1000)}`);
  }
  lines.push(`*スコア / Score:* ${Math.round(card.score)} · *作成 / Opened:* ${jst(card.openedAt)}`);
  return section('kkn_status', lines.join('\n'));
}

function peopleBlock(card: CaseCard): types.SectionBlock {
  const imp = card.impersonated;
  const impersonated = imp
    ? [
        `*なりすまし対象 / Impersonated*`,
        fitMrkdwn(imp.name, NAME_CHARS),
        [imp.role, imp.company].filter(Boolean).map((s) => fitMrkdwn(s!, NAME_CHARS)).join(', '),
        `${MATCH_HOW_LABEL[imp.how]}${imp.accountMatches ? '' : ' · ⚠️ アカウントIDが台帳と違う / account id differs from the ledger'}`,
      ]
    : ['*なりすまし対象 / Impersonated*', '台帳との一致なし / no ledger match'];
  const s = card.sender;
  const sender = [
    '*送信者 / Sender*',
    s.name ? fitMrkdwn(s.name, NAME_CHARS) : '名前なし / no name',
    `ID: ${s.accountId ?? '不明 / unknown'} · ${s.inLedger ? '台帳に登録あり / in ledger' : '⚠️ 台帳に未登録 / not in ledger'}`,
    `連絡先になってから / contact for: ${contactAge(s.contactAgeMinutes)}`,
  ];
  const reports = ['*報告 / Reports*', `${card.reportCount}件・${card.reporterCount}名 / ${card.reportCount} report(s) from ${card.reporterCount} employee(s)`];
  const field = (lines: string[]) => mrkdwn(lines.filter(Boolean).join('\n').slice(0, LIMITS.field));
  return { type: 'section', block_id: 'kkn_people', fields: [field(impersonated), field(sender), field(reports)] };
}

function verifyBlock(card: CaseCard): types.SectionBlock | null {
  const v = card.impersonated?.verifyWith;
  if (!v || (!v.phone && !v.email)) return null;
  // Ledger data, entered by admins: a well-formed address becomes a mailto link, anything else is escaped.
  const email = v.email && LEDGER_EMAIL.test(v.email) ? `<mailto:${v.email}|${v.email}>` : v.email ? fitMrkdwn(v.email, 200) : '';
  const ways = [v.phone ? `電話 / phone: ${fitMrkdwn(v.phone, 100)}` : '', email ? `メール / e-mail: ${email}` : ''].filter(Boolean);
  return section(
    'kkn_verify',
    `*☎️ 台帳の連絡先で本人に確認してください / Verify through the ledger's contact:* ${ways.join(' · ')}\nメッセージ内の連絡先は使わないでください / Do not use any contact given in the message.`,
  );
}

function messageBlock(card: CaseCard): types.SectionBlock {
  const head = `*メッセージ / Message* (${jst(card.message.sentAt)})\n`;
  const tail = '\n_全文はケースページに / full text on the case page_';
  const quoted = quoteMrkdwn(card.message.body || ' ', LIMITS.sectionText - head.length - tail.length);
  return section('kkn_message', `${head}${quoted.text}${quoted.cut ? tail : ''}`);
}

function signalLine(s: CaseCard['signals'][number]): string {
  const ev = s.evidence
    .slice(0, MAX_EVIDENCE_PER_SIGNAL)
    .map((e) => `「${fitMrkdwn(e.text, EVIDENCE_CHARS)}」`)
    .join(' ');
  return `• *${escapeMrkdwn(s.title.ja)}* / ${escapeMrkdwn(s.title.en)}${ev ? ` — ${ev}` : ''}`;
}

/** Packs lines into sections of at most 3,000 characters, saying how many did not fit. */
function packLines(idPrefix: string, title: string, lines: string[], maxSections: number): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let current = title;
  let used = 0;
  const more = (n: number) => `\n…ほか${n}件 / and ${n} more (ケースページ / case page)`;
  for (const line of lines) {
    if (current.length + 1 + line.length <= LIMITS.sectionText - 60) {
      current += `\n${line}`;
      used += 1;
      continue;
    }
    if (out.length + 1 >= maxSections) break;
    out.push(section(`${idPrefix}_${out.length}`, current));
    current = line;
    used += 1;
  }
  if (used < lines.length) current += more(lines.length - used);
  out.push(section(`${idPrefix}_${out.length}`, current));
  return out;
}

function signalBlocks(card: CaseCard): types.SectionBlock[] {
  if (card.signals.length === 0) return [section('kkn_signals_0', '*根拠 / Signals*\nなし / none')];
  return packLines('kkn_signals', `*根拠 / Signals (${card.signals.length})*`, card.signals.map(signalLine), MAX_SIGNAL_SECTIONS);
}

function observablesBlock(card: CaseCard): types.SectionBlock | null {
  if (card.observables.length === 0) return null;
  const lines = card.observables.map((o) => {
    const mark = o.inLedger === null ? '' : o.inLedger ? ' — ✅ 台帳に登録あり / in ledger' : ' — ⚠️ 台帳にない / not in ledger';
    return `• ${OBSERVABLE_LABEL[o.kind]}: ${fitMrkdwn(o.display, 200)}${mark}`;
  });
  return packLines('kkn_observables', '*観測値 / Observables*', lines, 1)[0]!;
}

function linkedBlock(card: CaseCard): types.ContextBlock | null {
  if (card.linkedCases.length === 0) return null;
  const shown = card.linkedCases.slice(0, 20).map((l) => `${l.ref} (${l.reason.ja} / ${l.reason.en}, ${l.resolution ? RESOLUTION_LABEL[l.resolution] : STATUS_LABEL[l.status]})`);
  const rest = card.linkedCases.length - shown.length;
  const text = `🔗 関連ケース / Linked cases: ${shown.join(', ')}${rest > 0 ? ` …ほか${rest}件 / and ${rest} more` : ''}`;
  return { type: 'context', block_id: 'kkn_linked', elements: [mrkdwn(text.slice(0, LIMITS.sectionText))] };
}

/** The buttons that still make sense: acknowledge while new, resolve until resolved. */
export function buttonsFor(card: Pick<CaseCard, 'ref' | 'status'>): Button[] {
  const buttons: Button[] = [];
  if (card.status === 'new') {
    buttons.push({ type: 'button', action_id: ACTION_IDS.acknowledge, value: card.ref, style: 'primary', text: plain(BUTTON_LABEL.acknowledge, LIMITS.buttonText) });
  }
  if (card.status !== 'resolved') {
    buttons.push(
      {
        type: 'button',
        action_id: ACTION_IDS.resolveFraud,
        value: card.ref,
        style: 'danger',
        text: plain(BUTTON_LABEL.fraud, LIMITS.buttonText),
        confirm: confirm(`${card.ref} を詐欺と確定しますか？ / Confirm ${card.ref} as fraud?`),
      },
      {
        type: 'button',
        action_id: ACTION_IDS.resolveFalsePositive,
        value: card.ref,
        text: plain(BUTTON_LABEL.falsePositive, LIMITS.buttonText),
        confirm: confirm(`${card.ref} を誤検知として閉じますか？ / Close ${card.ref} as a false positive?`),
      },
    );
  }
  return buttons;
}

function confirm(question: string): types.ConfirmationDialog {
  return {
    title: plain('確認 / Confirm', 100),
    text: plain(question, 300),
    confirm: plain('はい / Yes', 30),
    deny: plain('キャンセル / Cancel', 30),
  };
}
