/**
 * The wording model (src/detection/model): training is deterministic, the committed model is what
 * training on examples/corpus produces, the blind set is refused, evidence is always a slice of
 * the original body (hostile strings, 1 MB bodies), and the model scores messages written for this
 * test (no corpus line) sensibly.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessWith } from '../../src/detection/model/assess.ts';
import { assertNotBlind, companyFolders, corpusDigest, readCompany, readCorpora, type CompanyCorpus } from '../../src/detection/model/corpus.ts';
import { defaultModel, explainedLater, MODEL_FILE, MODEL_RULE_ID, modelAssessment, modelFraudProbability, modelSignal } from '../../src/detection/model/index.ts';
import { serialiseModel } from '../../src/detection/model/model-file.ts';
import { DEFAULT_SETTINGS, trainModel } from '../../src/detection/model/pipeline.ts';
import { MAX_ANALYSED_CHARS, prepareText } from '../../src/detection/text.ts';
import type { Evidence } from '../../src/domain/detection.ts';
import type { Report } from '../../src/domain/report.ts';

const ROOT = path.resolve(import.meta.dirname, '../../examples/corpus');
const report = (body: string): Report => ({ message: { body, sender: { accountId: 1, name: '森 直人' } } });

/** The first `n` lines of the first two companies: a small fixed training set. */
function subset(n: number): CompanyCorpus[] {
  return readCorpora(ROOT)
    .slice(0, 2)
    .map((c) => ({ ...c, lines: c.lines.slice(0, n) }));
}

describe('training', () => {
  it('is deterministic: the same lines give byte-identical model files; one changed label does not', () => {
    const settings = { ...DEFAULT_SETTINGS, iterations: 60 };
    const a = serialiseModel(trainModel(subset(16), 'a'.repeat(64), settings).file);
    const b = serialiseModel(trainModel(subset(16), 'a'.repeat(64), settings).file);
    expect(b).toBe(a);
    const flipped = subset(16);
    const first = flipped[0]!.lines[0]!;
    flipped[0]!.lines[0] = { ...first, label: first.label === 1 ? 0 : 1 };
    expect(serialiseModel(trainModel(flipped, 'a'.repeat(64), settings).file)).not.toBe(a);
  });

  it('the committed model was trained on the corpus as it is now (else: npm run train)', () => {
    const committed = JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')) as { training: { dataSha256: string } };
    expect(committed.training.dataSha256, 'examples/corpus changed since the model was trained: run npm run train and commit wording-model.json').toBe(
      corpusDigest(companyFolders(ROOT)),
    );
  });

  it('retraining on examples/corpus reproduces the committed file byte for byte', { timeout: 300_000 }, () => {
    const dirs = companyFolders(ROOT);
    const file = trainModel(dirs.map(readCompany), corpusDigest(dirs)).file;
    expect(serialiseModel(file) === fs.readFileSync(MODEL_FILE, 'utf8'), 'run npm run train and commit wording-model.json').toBe(true);
  });

  it('the committed model is small and its thresholds come from held-out companies', () => {
    expect(fs.statSync(MODEL_FILE).size).toBeLessThan(300 * 1024);
    const { file } = defaultModel();
    expect(file.evaluation.heldOut.map((h) => h.company)).toEqual(companyFolders(ROOT).map((d) => path.basename(d)));
    expect(file.thresholds.strong).toBeGreaterThanOrEqual(file.thresholds.supporting);
    expect(file.thresholds.supporting).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses the frozen blind set before reading anything', () => {
    const blind = path.resolve(import.meta.dirname, '../../examples/blind');
    expect(() => assertNotBlind(blind)).toThrow(/frozen/);
    expect(() => companyFolders(blind)).toThrow(/frozen/);
    expect(() => readCompany(path.join(blind, 'no-such-company'))).toThrow(/frozen/);
    expect(() => corpusDigest([path.join(blind, 'no-such-company')])).toThrow(/frozen/);
  });
});

/** Written for this test, after the model was trained and without looking at its scores first. */
const INVENTED = {
  fraud: [
    'お疲れさまです。取引先へのお礼で急ぎ必要なので、Amazonギフト券を3万円分購入して、番号をこのチャットに送ってください。会議中なので電話には出られません。',
    'いつもお世話になっております。弊社の取引銀行の変更に伴い、今月分のお支払いから下記の新しい口座へお振込みをお願いいたします。旧口座は本日で利用できなくなります。',
    'Hi, are you available? I need you to process an urgent wire transfer to a new vendor today. Keep this confidential until the deal is announced. I will send the account details shortly.',
    '社長の秋元です。今後の連絡はLINEでお願いします。グループを作成して、QRコードをこちらに送ってください。このことは他の社員には伝えないでください。',
    '【Chatworkサポート】お客様のアカウントで不正なログインが確認されました。本人確認のため、SMSに届いた認証コードをこちらに返信してください。',
    'Quick favour: please buy five Google Play cards of $100 each for a client gift, scratch the back and send me photos of the codes. I am stuck in a meeting.',
  ],
  benign: [
    '明日の打ち合わせは14時からに変更になりました。会議室は3階のBです。資料は前回と同じものを使います。',
    "Thanks for sending the revised quotation. I've forwarded it to our purchasing team and we will get back to you by Friday.",
    '[info][title]年末年始の休業について[/title]12月29日から1月3日まで休業いたします。緊急の連絡は総務部までお願いします。[/info]',
    '請求書を受領しました。いつもの登録口座へ月末にお支払いします。',
    '新しく配属になった佐伯です。来週から経理チームに加わります。よろしくお願いします。',
    'The delivery of the steel brackets is scheduled for next Tuesday morning. Please let the warehouse know so they can prepare the loading dock.',
  ],
};

describe('the committed model on messages it never saw', () => {
  it('none of the invented messages is in the corpus', () => {
    const bodies = readCorpora(ROOT).flatMap((c) => c.lines.map((l) => l.report.message.body));
    for (const m of [...INVENTED.fraud, ...INVENTED.benign]) expect(bodies.some((b) => b.includes(m.slice(0, 24)))).toBe(false);
  });

  it('frauds reach the supporting threshold, ordinary messages stay under it', () => {
    const { supporting } = defaultModel().file.thresholds;
    const p = (body: string): number => modelFraudProbability(report(body), prepareText(body));
    for (const body of INVENTED.fraud) expect(p(body), body).toBeGreaterThanOrEqual(supporting);
    for (const body of INVENTED.benign) expect(p(body), body).toBeLessThan(supporting);
  });

  it('explains a fraud with passages of its own body and readable features', () => {
    const body = INVENTED.fraud[0]!;
    const a = modelAssessment(report(body), prepareText(body));
    expect(a.evidence.length).toBeGreaterThan(0);
    for (const e of a.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
    expect(a.evidence.some((e) => /ギフト|購入|送って/.test(e.text))).toBe(true);
    expect(a.features.length).toBeGreaterThan(0);
  });

  it('the signal: null under the supporting threshold, weak or strong above it, with the evidence', () => {
    const { supporting, strong } = defaultModel().file.thresholds;
    const fraud = INVENTED.fraud[0]!;
    const a = modelAssessment(report(fraud), prepareText(fraud));
    const s = modelSignal(a);
    expect(s?.ruleId).toBe(MODEL_RULE_ID);
    expect(s?.strength).toBe(a.probability >= strong ? 'strong' : 'weak');
    expect(s?.evidence).toEqual(a.evidence);
    expect(s?.title.ja).toMatch(/詐欺/);
    expect(s?.title.en).toMatch(/fraud/i);
    expect(s?.detail?.en).toContain(`${Math.round(a.probability * 100)}%`);
    expect(modelSignal({ probability: supporting - 0.01, evidence: [], features: [] })).toBeNull();
    expect(modelSignal({ probability: Number.NaN, evidence: [], features: [] })).toBeNull();
    expect(modelSignal({ probability: supporting, evidence: [], features: [] })?.strength).toBe(supporting >= strong ? 'strong' : 'weak');
    const benign = INVENTED.benign[0]!;
    expect(modelAssessment(report(benign), prepareText(benign)).evidence).toEqual([]);
  });

  it("the engine's signal explains when read: the same evidence as an explained assessment, in JSON too, computed once", () => {
    const fraud = INVENTED.fraud[0]!;
    const eager = modelAssessment(report(fraud), prepareText(fraud));
    const { probability, signal } = explainedLater(report(fraud), prepareText(fraud));
    expect(probability).toBe(eager.probability);
    expect(signal).not.toBeNull();
    const stored = JSON.parse(JSON.stringify(signal)) as { evidence: Evidence[] };
    expect(stored.evidence).toEqual(eager.evidence);
    expect(stored.evidence.length).toBeGreaterThan(0);
    const first = signal!.evidence;
    expect(signal!.evidence).toBe(first); // kept, not recomputed on every read
    expect({ ...signal }.evidence).toBe(first);
    signal!.evidence = [];
    expect(signal!.evidence).toEqual([]);
    const frozen = Object.freeze(explainedLater(report(fraud), prepareText(fraud)).signal!);
    expect(frozen.evidence).toEqual(eager.evidence);
    const benign = INVENTED.benign[0]!;
    expect(explainedLater(report(benign), prepareText(benign)).signal).toBeNull();
  });
});

const pieces = fc.constantFrom(
  'ギフトカード', '振込', '口座', 'お願いします', '至急', 'LINE', 'QRコード', 'wire transfer', 'gift card', 'please', 'urgent',
  '[info]', '[/info]', '[qt]', '[To:12]', '[title]', 'http://x.example', '\n', '\r\n', ' ', '　', '。', '、',
  '\ud83d\ude4f', '\ud83c\udf81', '\ud800', '\udc00', '\u0301', '\u3099', 'e\u0301', 'ｶﾞ', '㍻', '㈱', '０１２', 'İ', 'ß', '\u200b', '\u0000', '\ufeff',
);
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
);

function checkEvidence(body: string, evidence: Evidence[]): void {
  let last = -1;
  for (const e of evidence) {
    expect(body.slice(e.start, e.end)).toBe(e.text);
    expect(e.text.length).toBeGreaterThan(0);
    expect(e.start).toBeGreaterThan(last);
    expect(e.end).toBeLessThanOrEqual(Math.min(body.length, MAX_ANALYSED_CHARS));
    // Never half of a surrogate pair at either end.
    const lowAt = (k: number): boolean => k > 0 && k < body.length && /[\udc00-\udfff]/.test(body[k]!) && /[\ud800-\udbff]/.test(body[k - 1]!);
    expect(lowAt(e.start)).toBe(false);
    expect(lowAt(e.end)).toBe(false);
    last = e.end;
  }
}

describe('evidence points into the original body', () => {
  const model = defaultModel();

  it('any string: a probability in [0, 1] and evidence that is a slice of the body', () => {
    fc.assert(
      fc.property(hostile, (body) => {
        const a = assessWith(model, report(body), prepareText(body), {}, 'always');
        expect(a.probability).toBeGreaterThanOrEqual(0);
        expect(a.probability).toBeLessThanOrEqual(1);
        expect(a.probability).toBe(modelFraudProbability(report(body), prepareText(body)));
        checkEvidence(body, a.evidence);
      }),
      { numRuns: 400 },
    );
  });

  it('a 1 MB body is read only up to the analysis cap: the result is that of its analysed prefix', () => {
    const bodies = [
      'Amazonギフトカードを買って番号を送ってください。'.repeat(45_000),
      `${'\ud83c\udf81'.repeat(15_000)}至急振込をお願いします。${'a\u0301'.repeat(500_000)}`,
      'お疲れさまです。'.repeat(2_500) + 'ギフトカードの番号を送ってください。'.repeat(60_000),
      '\ud800'.repeat(1_000_000),
      // Notation and links only past the cap: a scan of the whole body would count them.
      'お疲れさまです。'.repeat(2_500) + '[info]http://x.example[/info][qt][To:1]'.repeat(30_000),
    ];
    for (const body of bodies) {
      expect(body.length).toBeGreaterThanOrEqual(1_000_000);
      const text = prepareText(body);
      expect(text.truncated).toBe(true);
      const a = assessWith(model, report(body), text, {}, 'always');
      checkEvidence(body, a.evidence);
      const prefix = body.slice(0, text.analysedLength);
      expect(assessWith(model, report(prefix), prepareText(prefix), {}, 'always')).toEqual(a);
    }
  });
});
