/**
 * The shared hostile strings in the web console's HTML (case page, list, inbox): a report whose
 * body, sender, reporter and note hold every hostile string, and an action note holding them too,
 * must not add active markup to the page: the same number of scripts, inline handlers,
 * `javascript:` URLs, images, frames, styles and off-site links as a page about a harmless report
 * (more tags are fine: the hostile text yields more observables and highlighted signals).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, consoleRuntime, submit } from '../web/helpers.ts';
import type { TestRuntime } from '../helpers.ts';
import { ALL_HOSTILE } from './hostile-strings.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

/** Every start tag with its attributes (name → value). Escaped text (`&lt;…`) is not a tag. */
function tags(html: string): { name: string; attrs: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: [...m[2]!.matchAll(/([^\s=>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g)].map((a) => [a[1]!.toLowerCase(), (a[2] ?? '').replace(/^["']|["']$/g, '')] as [string, string]),
  }));
}

/** Counts of what could run or load something. */
function activeCounts(html: string): Record<string, number> {
  const t = tags(html);
  const attrs = t.flatMap((x) => x.attrs);
  const count = (f: (x: (typeof t)[number]) => boolean) => t.filter(f).length;
  return {
    script: count((x) => x.name === 'script'),
    embed: count((x) => ['img', 'svg', 'iframe', 'frame', 'object', 'embed', 'video', 'audio', 'base'].includes(x.name)),
    style: count((x) => x.name === 'style'),
    handler: attrs.filter(([n]) => n.startsWith('on')).length,
    jsUrl: attrs.filter(([, v]) => /^\s*(javascript|data|vbscript):/i.test(v)).length,
    offsite: attrs.filter(([n, v]) => ['href', 'src', 'action', 'formaction'].includes(n) && !/^(\/|#|\?|http:\/\/localhost)/.test(v)).length,
  };
}

async function pages(text: string, accountId: number): Promise<Record<string, string>> {
  const report = { message: { body: `至急、新しい口座に振り込んでください。${text}`, sender: { accountId, name: `髙嶋${text}` } }, reporter: { name: `平田${text}` }, note: `メモ${text}` };
  const ref = await submit(rt!, report);
  const b = new Browser(rt!.app);
  await b.signIn('admin');
  await b.get(`/cases/${ref}`);
  await b.post(`/cases/${ref}/actions`, { action: 'acknowledge', note: `確認${text}` });
  await rt!.worker.tick();
  const out: Record<string, string> = {};
  for (const path of [`/cases/${ref}`, '/inbox']) {
    const res = await b.get(path);
    expect(res.status, path).toBe(200);
    out[path.replace(ref, ':ref')] = b.last;
  }
  return out;
}

describe('hostile text in the console HTML', () => {
  it('adds no script, handler, javascript: URL, embed, style or off-site link to any page', async () => {
    rt = await consoleRuntime();
    const harmless = await pages('山田です', 9_700_001);
    const hostile = await pages(ALL_HOSTILE, 9_700_002);
    expect(harmless['/cases/:ref']).toContain('山田です'); // the text is really on the page
    for (const [path, html] of Object.entries(hostile)) {
      expect(activeCounts(html), path).toEqual(activeCounts(harmless[path]!));
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;'); // shown as text
    }
  });

  // Bidi controls (U+202E RLO …) from a fraudster's text must not reorder what an admin reads
  // ("exe.gnp" reading "png.exe"); the console shows them as visible code points instead.
  it('neutralises bidi controls (U+202A–U+202E, U+2066–U+2069) in hostile text on console pages', async () => {
    rt = await consoleRuntime();
    const tricked = await pages('請求書\u202Eexe.gnp\u2066x\u2069\u200F', 9_700_003);
    for (const [path, html] of Object.entries(tricked)) {
      expect(html, path).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
    }
    expect(tricked['/cases/:ref']).toContain('請求書⟦U+202E⟧exe.gnp⟦U+2066⟧x⟦U+2069⟧⟦U+200F⟧');
  });
});
