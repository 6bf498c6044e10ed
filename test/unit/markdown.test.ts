// Untrusted text in hovers: escapeMarkdown leaves only text (checked with
// marked, the Markdown renderer VS Code uses), and command links keep any
// argument inside the link.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from 'marked';
import { commandLink, escapeMarkdown } from '../../src/core/text/markdown';

const render = (md: string): string => marked.parse(md, { async: false }) as string;
const decodeEntities = (s: string): string =>
  s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|nbsp);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return named[e.toLowerCase()];
  });
/** The text of rendered HTML that may hold only paragraphs and line breaks; throws on anything else. */
const textOf = (html: string): string => {
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/gi)].map((m) => m[1].toLowerCase());
  const other = tags.filter((t) => t !== 'p' && t !== 'br');
  assert.deepEqual(other, [], `only text in ${JSON.stringify(html)}`);
  return decodeEntities(html.replace(/<[^>]*>/g, ' '));
};
const words = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/** Strings full of what Markdown and VS Code read specially. */
const hostile = fc.array(
  fc.oneof(
    fc.constantFrom('[', ']', '(', ')', '!', '<', '>', '&', '*', '_', '`', '#', '$(', 'alert', 'http://x.y/', 'command:policyLens.showMentions', '<img src=x>', '&lt;', '\\', '~', '|', '-', '+', '=', '.', '1', ' ', '\n', '    ', '科技部', '"', "'", ':', '{', '}'),
    fc.string({ maxLength: 3 }),
  ),
  { maxLength: 40 },
).map((a) => a.join(''));

describe('markdown from data', () => {
  it('escapeMarkdown: links, images, HTML, entities, icons and commands in data render as their text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const html = render(escapeMarkdown(s));
        assert.equal(words(textOf(html)), words(s.replace(/\r/g, '')));
        assert.ok(!/\$\(/.test(escapeMarkdown(s)), 'no theme icon syntax left');
      }),
      { numRuns: 500, seed: 1313 },
    );
  });

  it('a hostile tag note is only text', () => {
    const note = '[click](command:workbench.action.terminal.new) ![x](http://evil/x.png) <b>b</b> $(alert) &amp; **bold**';
    const html = render(escapeMarkdown(note));
    assert.ok(!/<a |<img |<b>|<strong>/.test(html), html);
    assert.equal(words(textOf(html)), words(note));
  });

  it('commandLink: arguments with ) ] ( [ spaces and quotes stay inside the one link and come back intact', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), hostile), { minLength: 1, maxLength: 3 }), fc.oneof(fc.constant('List all'), hostile), (args, label) => {
        fc.pre(words(label) !== '');
        const html = render(commandLink(label, 'policyLens.showMentions', args));
        const links = [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/gs)];
        assert.equal(links.length, 1, html);
        assert.equal((html.match(/<a /g) ?? []).length, 1, html);
        const href = decodeEntities(links[0][1]);
        assert.ok(href.startsWith('command:policyLens.showMentions?'), href);
        assert.deepEqual(JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))), args);
        assert.equal(words(textOf(links[0][2])), words(label));
      }),
      { numRuns: 300, seed: 1314 },
    );
  });
});
