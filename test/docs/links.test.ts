/**
 * The README and docs/ link only to files that exist (relative links, anchors stripped), so a
 * newcomer following them from a plain clone never lands on nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

function links(markdown: string): string[] {
  const md = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  const html = [...markdown.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  return [...md, ...html].filter((l) => !/^(https?:|mailto:|#)/.test(l));
}

describe('documentation links', () => {
  it('every relative link and image in README.md and docs/*.md exists', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of links(fs.readFileSync(path.join(ROOT, page), 'utf8'))) {
        const target = path.resolve(path.dirname(path.join(ROOT, page)), decodeURI(link.split('#')[0]!));
        if (!fs.existsSync(target)) broken.push(`${page} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the check finds a broken link', () => {
    expect(links('see [x](docs/nope.md) and [y](https://example.com) and ![z](images/a.png)')).toEqual(['docs/nope.md', 'images/a.png']);
  });
});
