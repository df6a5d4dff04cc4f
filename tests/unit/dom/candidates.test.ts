/**
 * The candidate-first walk: only blocks where the prefilter finds a possible name or term are
 * assembled and matched, and the result is still exactly the core's on the whole page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { scanDom, type DomScan } from '../../../lib/dom/scan-dom';
import { scanBlocks } from '../../../lib/match/index';
import { AI_COPYRIGHT_CONTEXT, realMatcher } from '../match/helpers';
import { page, textOf } from '../support/dom';

function list(scan: DomScan): [string, string, string][] {
  return scan.mentions.map((m) => [textOf(m), m.ref.id, m.match]);
}

const FILLER_TEXT = 'The weather was fine and the match ended late.';
const filler = `<p>${FILLER_TEXT}</p>`.repeat(5);

beforeEach(() => {
  document.body.replaceChildren();
});

describe('candidate-first scanDom', () => {
  it('matches only the blocks with a candidate', () => {
    const scan = scanDom(page(`${filler}<p>Mark Ruffalo signed.</p>${filler}`), realMatcher);
    expect(list(scan)).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
    expect(scan.stats).toEqual({ textNodes: 11, chars: 10 * FILLER_TEXT.length + 20, blocks: 1 });
  });

  it('finds a name split across inline elements whose first token is itself split', () => {
    const root = page(`${filler}<p>With <b>Be</b>n <i>Stil</i>ler and <a>Cate Blan</a>chett.</p>`);
    expect(list(scanDom(root, realMatcher))).toEqual([
      ['Ben Stiller', 'ben-stiller', 'full'],
      ['Cate Blanchett', 'cate-blanchett', 'full'],
    ]);
  });

  it('follows a surname in a later block, itself split, after filler blocks', () => {
    const root = page(`<p>Mark Ruffalo signed.</p>${filler}<p>Later, <a>Ruff</a>alo said no.</p>`);
    expect(list(scanDom(root, realMatcher))).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
    ]);
  });

  it('starts the block at its first text node even past empty elements (no name made of "BenBen")', () => {
    // Found by the property test: the walk back from the candidate stopped at the empty spans, and
    // "Ben Stiller" was found inside "BenBen Stiller".
    const root = page('<p>Ben<span><span></span></span><span><span>B</span>en Stiller</span></p>');
    expect(list(scanDom(root, realMatcher))).toEqual([]);
    const spaced = page('<p>Ben<span><span></span></span> <span><span>B</span>en Stiller</span></p>');
    expect(list(scanDom(spaced, realMatcher))).toEqual([['Ben Stiller', 'ben-stiller', 'full']]);
  });

  it('finds a Chinese alias whose characters are split across elements', () => {
    const root = page(`${filler}<p>好莱坞演员<span>马</span>克·鲁法洛表示反对</p>`);
    expect(list(scanDom(root, realMatcher))).toEqual([['马克·鲁法洛', 'mark-ruffalo', 'alias']]);
  });

  it('finds a node holding only a topic term', () => {
    const root = page(`${filler}<p>About <em>copyright</em>.</p><p>And <b>AI</b>.</p>`);
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([
      ['copyright', 'copyright', 'term'],
      ['AI', 'ai', 'term'],
    ]);
    expect(scan.classification.aiCopyright).toBe(true);
  });

  it('is not fooled by words glued across block boundaries (and reads on after them)', () => {
    // "Ruffa" + "lo" across two list items look like "Ruffalo" to the prefilter, but not to the core.
    const root = page('<ul><li>Mark Ruffa</li><li>lo and Ben Stiller</li></ul>');
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([['Ben Stiller', 'ben-stiller', 'full']]);
    expect(scan.stats.textNodes).toBe(2);
    // <li>AI</li><li>copyright</li> without spaces: both terms, in their own blocks.
    const glued = scanDom(page('<ul><li>AI</li><li>copyright</li></ul>'), realMatcher);
    expect(list(glued)).toEqual([
      ['AI', 'ai', 'term'],
      ['copyright', 'copyright', 'term'],
    ]);
  });

  it('measures the topic window without skipped text, like the core on the flattened page', () => {
    const code = `var x = "${'y'.repeat(3000)}";`;
    const root = page(`<p>AI art.</p><script>${code}</script><style>p{}</style><p>Copyright law.</p>`);
    const scan = scanDom(root, realMatcher);
    expect(scan.classification.aiCopyright).toBe(true);
    expect(scanBlocks(['AI art.', 'Copyright law.'], realMatcher).classification.aiCopyright).toBe(true);
    // …while 3,000 characters of real text in between do separate them.
    const far = page(`<p>AI art.</p><p>${'z'.repeat(3000)}</p><p>Copyright law.</p>`);
    expect(scanDom(far, realMatcher).classification.aiCopyright).toBe(false);
  });

  it('skips candidates inside skipped content without losing the ones after it', () => {
    const root = page(
      `<p>${AI_COPYRIGHT_CONTEXT}</p><textarea>Mark Ruffalo</textarea><div contenteditable>Ben Stiller</div>` +
        '<p>Cate Blanchett</p>',
    );
    expect(list(scanDom(root, realMatcher)).filter((f) => f[2] !== 'term')).toEqual([
      ['Cate Blanchett', 'cate-blanchett', 'full'],
    ]);
  });

  it('does not assemble a block for names in a long style sheet or data script, and reads on after it', () => {
    // Long enough for the walk to check the parent's tag instead of prefiltering the text.
    const sheet = `/* Mark Ruffalo, Cate Blanchett */ ${'.a{color:red}'.repeat(40)}`;
    const json = JSON.stringify({ author: 'Ben Stiller', body: 'x'.repeat(400) });
    const root = page(
      `<p>Mark Ruf</p><style>${sheet}</style><script type="application/json">${json}</script>` +
        '<p>falo left, and Ben Stiller</p>',
    );
    const scan = scanDom(root, realMatcher);
    expect(sheet.length).toBeGreaterThan(256);
    // "Ruf" and "falo" are not glued across the skipped elements; Ben Stiller after them is found.
    expect(list(scan)).toEqual([['Ben Stiller', 'ben-stiller', 'full']]);
    expect(scan.stats.blocks).toBe(1);
  });

  it('settles indentation without a candidate, and ends a word carried into it', () => {
    const root = page(`<div>\n  <span>Mark Ruf</span>\n  <span>falo</span>\n</div><p>nothing</p>`);
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([]);
    expect(scan.stats.blocks).toBe(0);
    // The same text without the indentation between the two spans is one word, and a match.
    expect(list(scanDom(page('<div><span>Mark Ruf</span><span>falo</span></div>'), realMatcher))).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
    ]);
  });
});
