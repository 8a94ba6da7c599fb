import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { resolveTargets } from '../../src/escalation-policy.ts';
import { ScriptedNotifier, scripted, tempDir, testConfig, testRuntime } from '../helpers.ts';
import { policyEnv } from './fixtures.ts';

const base = { DATABASE_URL: 'file:/tmp/kakunin-policy-test.db' };

describe('escalation policy configuration', () => {
  it('defaults: every configured target for medium and high, 10 / 60 minutes to acknowledge, nothing for low and none', () => {
    const p = loadConfig(base).escalation;
    expect(p.high).toEqual({
      targets: ['all'],
      mention: true,
      ackTimeoutMinutes: 10,
      renotifyIntervalMinutes: 10,
      renotifyCount: 2,
      secondLevelTargets: [],
      unresolvedMinutes: 1440,
    });
    expect(p.medium).toMatchObject({ targets: ['all'], mention: false, ackTimeoutMinutes: 60, renotifyIntervalMinutes: 60 });
    expect(p.low).toMatchObject({ targets: [], ackTimeoutMinutes: null, unresolvedMinutes: null });
    expect(p.none).toMatchObject({ targets: [], ackTimeoutMinutes: null });
    expect(loadConfig({ ...base, NOTIFY_MIN_VERDICT: 'low' }).escalation.low.targets).toEqual(['all']);
  });

  it('environment overrides win over the file; 0 turns a timer off', () => {
    const { env } = policyEnv({ high: { ackTimeoutMinutes: 3, targets: ['slack'] }, medium: { secondLevelTargets: ['slack:C1'] } });
    const p = loadConfig({
      ...base,
      ...env,
      ESCALATION_MEDIUM_ACK_MINUTES: '0',
      ESCALATION_SECOND_LEVEL_TARGETS: 'slack:C0LEGAL, teams:4',
      ESCALATION_UNRESOLVED_MINUTES: '90',
    }).escalation;
    expect(p.high).toMatchObject({ targets: ['slack'], ackTimeoutMinutes: 3, secondLevelTargets: ['slack:C0LEGAL', 'teams:4'], unresolvedMinutes: 90 });
    expect(p.medium).toMatchObject({ ackTimeoutMinutes: null, secondLevelTargets: ['slack:C0LEGAL', 'teams:4'] });
    expect(loadConfig({ ...base, ...env, ESCALATION_HIGH_ACK_MINUTES: '7' }).escalation.high.ackTimeoutMinutes).toBe(7);
  });

  it('a bad policy stops the start with a message naming the variable and the field', () => {
    const unknownKey = policyEnv({ high: { ackTimeout: 5 } }).env;
    expect(() => loadConfig({ ...base, ...unknownKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...unknownKey })).toThrow(/ESCALATION_POLICY_FILE .*high/);
    expect(() => loadConfig({ ...base, ...policyEnv({ high: { targets: ['email:boss'] } }).env })).toThrow(/high\.targets\.0: must be "all"/);
    expect(() => loadConfig({ ...base, ...policyEnv({ critical: {} }).env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...policyEnv({ high: { ackTimeoutMinutes: -1 } }).env })).toThrow(/high\.ackTimeoutMinutes/);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"high": ');
    expect(() => loadConfig({ ...base, ESCALATION_POLICY_FILE: path.join(dir, 'broken.json') })).toThrow(/ESCALATION_POLICY_FILE .*broken\.json/);
    expect(() => loadConfig({ ...base, ESCALATION_POLICY_FILE: path.join(dir, 'missing.json') })).toThrow(/missing\.json.*ENOENT/);
    expect(() => loadConfig({ ...base, ESCALATION_SECOND_LEVEL_TARGETS: 'slack:C1,fax:2' })).toThrow(/ESCALATION_SECOND_LEVEL_TARGETS/);
    expect(() => loadConfig({ ...base, ESCALATION_HIGH_ACK_MINUTES: 'soon' })).toThrow(/ESCALATION_HIGH_ACK_MINUTES/);
  });

  it('a policy naming a platform that is not configured fails at construction, not on the first card', async () => {
    const p = policyEnv({ high: { targets: ['teams:1'] } });
    await expect(testRuntime({ dir: p.dir, env: p.env, factories: scripted(new ScriptedNotifier('slack')) })).rejects.toThrow(/names teams, which is not configured/);
    // The database was closed again: the same file opens fine.
    const ok = await testRuntime({ dir: p.dir, factories: scripted(new ScriptedNotifier('slack')) });
    await ok.close();
    expect(testConfig(p.dir).escalation.high.targets).toEqual(['all']);
  });

  it('resolves target specs against the configured targets without duplicates', () => {
    const configured = [
      { platform: 'slack' as const, target: 'C1' },
      { platform: 'teams' as const, target: '3' },
    ];
    expect(resolveTargets(['all'], configured)).toEqual(configured);
    expect(resolveTargets(['teams', 'slack:C9', 'slack:C9', 'all'], configured)).toEqual([
      { platform: 'teams', target: '3' },
      { platform: 'slack', target: 'C9' },
      { platform: 'slack', target: 'C1' },
    ]);
    expect(resolveTargets([], configured)).toEqual([]);
  });
});
