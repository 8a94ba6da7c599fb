/**
 * Every regex literal in src/, adapters/ and rules/ (read with the TypeScript parser, so none is
 * missed) goes through redos-detector, which models the engine retrying a pattern from every start
 * position: `/\s+$/` over 240,000 spaces is 240,000 failed runs of 240,000 steps (issue 15: the
 * Chatwork parser blocked the event loop for 30 s). A pattern the analyser flags fails this test
 * unless it is listed below with the reason it is linear anyway; a new `new RegExp(…)` site fails
 * it until someone has looked at it. No timing: the analyser counts the backtracking paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSafePattern } from 'redos-detector';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AMOUNT_REGEXES } from '../../src/detection/amounts.ts';
import { BANK_ACCOUNT_REGEXES } from '../../src/detection/bank-accounts.ts';
import { BANK_CONTEXT_REGEXES } from '../../src/detection/bank-context.ts';
import { BANK_REGEXES } from '../../src/detection/banks.ts';
import { CHAR_REGEXES } from '../../src/detection/chars.ts';
import { CONTACT_REGEXES } from '../../src/detection/contacts.ts';
import { GIFT_CARD_REGEXES } from '../../src/detection/gift-cards.ts';
import { MARKUP_REGEXES } from '../../src/detection/markup.ts';
import { NAME_REGEXES } from '../../src/detection/names.ts';
import { URL_REGEXES } from '../../src/detection/urls.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['src', 'adapters', 'rules'];

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    (fs.readdirSync(path.join(ROOT, folder), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => path.join(folder, f).split(path.sep).join('/')),
  );
}

/** Regex literals and `new RegExp(…)` sites of every source file. */
function sweep(): { literals: Found[]; dynamic: { file: string; line: number; text: string }[] } {
  const literals: Found[] = [];
  const dynamic: { file: string; line: number; text: string }[] = [];
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const slash = literal.lastIndexOf('/');
        literals.push({ file, line: lineOf(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
      }
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        dynamic.push({ file, line: lineOf(node), text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

function analyse(source: string, flags: string, timeout = 10_000) {
  const unicode = flags.includes('u') || flags.includes('v');
  return isSafePattern(source, {
    unicode,
    // redos-detector cannot combine the two; case folding adds no overlap to these patterns' shapes.
    caseInsensitive: flags.includes('i') && !unicode,
    multiLine: flags.includes('m'),
    dotAll: flags.includes('s'),
    timeout,
  });
}

/**
 * Patterns the analyser flags that are linear all the same, each with the argument. Keyed by file
 * and source, so an edited pattern is analysed again.
 */
const LINEAR_ANYWAY: { file: string; source: string; why: string }[] = [
  {
    file: 'adapters/chatwork/escape.ts',
    source: String.raw`(?:h\s*t\s*t\s*p\s*s?\s*[:：]\s*[/／]{2}|ｈｔｔｐｓ?[:：][/／]{2}|www\.|line\.me|lin\.ee)[^\s「」『』（）()<>]*`,
    why: 'each \\s* sits between fixed letters, so a start fails after the spaces behind its own "h"; the closing run can never fail',
  },
  {
    file: 'adapters/chatwork/escape.ts',
    source: String.raw`[^\s@＠「」『』（）()<>]{1,64}[@＠][^\s@＠「」『』（）()<>]{1,255}`,
    why: 'bounded runs: at most 64 steps before the @ from each start position (a constant factor, not a power of the length)',
  },
  {
    file: 'adapters/chatwork/escape.ts',
    source: String.raw`\p{Nd}[\p{Nd}\-－‐―ー−.．\s()（）]{5,}\p{Nd}`,
    why: 'the run holds digits, so from a digit it either reaches a later digit (a match; /g resumes after it) or scans one digit-free run once',
  },
  {
    file: 'adapters/teams/bot.ts',
    source: String.raw`<at>[^<]*<\/at>`,
    why: '[^<] cannot cross the next "<", so the text after each <at> is scanned once; only "<" can start a match',
  },
];

/** `new RegExp` sites, and what checks them. */
const DYNAMIC_SITES: Record<string, string> = {
  'rules/lexicon.ts': 'word lists and raw patterns; every lexicon is analysed by test/rules/redos.test.ts',
  'src/delivery/policy.ts': 'anchored at both ends, built from the platform list and a bounded run {1,200}',
};

/**
 * The detection modules' exported regexes are analysed one by one in src/detection/redos.test.ts
 * (the slowest analyses of all); a literal that is one of them is not analysed twice here. Any other
 * literal in those files still is.
 */
const ANALYSED_ELSEWHERE = new Set(
  [AMOUNT_REGEXES, BANK_ACCOUNT_REGEXES, BANK_CONTEXT_REGEXES, BANK_REGEXES, CHAR_REGEXES, CONTACT_REGEXES, GIFT_CARD_REGEXES, MARKUP_REGEXES, NAME_REGEXES, URL_REGEXES]
    .flatMap((m: Record<string, RegExp>) => Object.values(m))
    .map((re) => `${re.source}/${re.flags}`),
);

const { literals: all, dynamic } = sweep();
const literals = all.filter((l) => !ANALYSED_ELSEWHERE.has(`${new RegExp(l.source, l.flags).source}/${new RegExp(l.source, l.flags).flags}`));

describe('ReDoS sweep over src/, adapters/ and rules/', () => {
  it('finds the regexes (the sweep reads real files)', () => {
    expect(all.length).toBeGreaterThan(120);
    expect(all.length - literals.length).toBeGreaterThan(30); // the detection ones, analysed in src/detection/redos.test.ts
    expect(literals.length).toBeGreaterThan(50);
    expect(literals.some((l) => l.file === 'src/config.ts')).toBe(true);
    expect(literals.some((l) => l.file === 'adapters/chatwork/escape.ts')).toBe(true);
  });

  it('the analyser catches the shapes that froze the server (issue 15)', () => {
    for (const [source, flags] of [
      [String.raw`[ \t]+\n`, 'g'],
      [String.raw`\s+$`, 'g'],
      [String.raw`^\n+|\s+$`, 'g'],
      [String.raw`\/+$`, ''],
    ] as const) {
      expect(analyse(source, flags).safe, source).toBe(false);
    }
  });

  it.each(literals.map((l) => [`${l.file}:${l.line} /${l.source}/${l.flags}`, l] as const))('%s is linear', (_name, l) => {
    if (LINEAR_ANYWAY.some((a) => a.file === l.file && a.source === l.source)) return; // argued above, checked below
    const result = analyse(l.source, l.flags);
    expect(result.safe, `flagged (${result.error}); make it linear (see adapters/chatwork/text.ts) or argue it in LINEAR_ANYWAY`).toBe(true);
  });

  it('every LINEAR_ANYWAY entry still exists and is still flagged (no stale exceptions)', () => {
    for (const a of LINEAR_ANYWAY) {
      const l = literals.find((x) => x.file === a.file && x.source === a.source);
      expect(l, `${a.file}: ${a.source}`).toBeDefined();
      expect(analyse(l!.source, l!.flags, 2_000).safe).toBe(false); // not proven safe (flagged, or too many paths to finish)
    }
  });

  it('every new RegExp(…) site is one that has been looked at', () => {
    expect([...new Set(dynamic.map((d) => d.file))].sort()).toEqual(Object.keys(DYNAMIC_SITES).sort());
  });
});
