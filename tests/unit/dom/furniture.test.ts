/**
 * Article text and page furniture (lib/dom/rules.ts): which element is the main content, which
 * blocks are furniture, and that the DOM adapter classifies a page by its article only.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  findMainContent,
  furnitureFlags,
  isArticleText,
  readLayout,
  topFlags,
  FURNITURE_NAME,
} from '../../../lib/dom/rules';
import { scanDom, scanDomSliced } from '../../../lib/dom/scan-dom';
import { realMatcher } from '../match/helpers';

/** Builds a test page from constant markup (test fixtures only; the extension never does this). */
function page(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

/** Is the element picked by `selector` article text, by the rules applied from the top down? */
function article(selector: string, root: HTMLElement = document.body): boolean {
  const layout = readLayout(root);
  const el = document.querySelector(selector)!;
  const chain: Element[] = [];
  for (let e: Element | null = el; e !== null; e = e.parentElement) chain.unshift(e);
  return isArticleText(chain.reduce((flags, e) => furnitureFlags(flags, e, layout), topFlags(layout)));
}

const PROSE = '<p>The council voted on Tuesday to rebuild the old bridge before the winter comes.</p>';
const aiCopyright = (root: HTMLElement) => scanDom(root, realMatcher).classification.aiCopyright;

beforeEach(() => {
  document.body.replaceChildren();
});

describe('the main content', () => {
  it('is the <article> with the most text, else <main>, else [role=main]', () => {
    page(`<article id="a">${PROSE}</article><article id="b">${PROSE}${PROSE}</article>`);
    expect(findMainContent(document.body)?.id).toBe('b');
    page(`<div id="x">${PROSE}</div><main id="m">${PROSE.repeat(3)}</main>`);
    expect(findMainContent(document.body)?.id).toBe('m');
    page(`<div role="main" id="r">${PROSE.repeat(3)}</div>`);
    expect(findMainContent(document.body)?.id).toBe('r');
  });

  it('is not an <article> that holds little of the page’s prose (a promotion box, a teaser card)', () => {
    page(
      `<div role="main" id="r"><article id="promo"><h2>Restore net neutrality: send a message now</h2></article>` +
        `${PROSE.repeat(5)}</div>`,
    );
    expect(findMainContent(document.body)?.id).toBe('r');
  });

  it('without those, is the element whose paragraphs hold the most text (readability-style)', () => {
    page(
      `<div id="menu"><p>Home</p><p>World</p></div><div id="wrap"><div id="story">${PROSE.repeat(4)}</div>` +
        `<div id="teaser">${PROSE}</div></div><footer>${PROSE.repeat(6)}</footer>`,
    );
    expect(findMainContent(document.body)?.id).toBe('story');
  });

  it('widens to hold an article’s first paragraphs when the rest sits in a "read more" box', () => {
    page(`<div id="body">${PROSE.repeat(2)}<div id="more">${PROSE.repeat(8)}</div></div>`);
    expect(findMainContent(document.body)?.id).toBe('body');
  });

  it('is none on a page with almost no prose, or when the prose is all over the page', () => {
    page('<div><p>Short.</p></div>');
    expect(findMainContent(document.body)).toBeNull();
    page(`<div>${PROSE}</div><div>${PROSE}</div><div>${PROSE}</div>`);
    expect(findMainContent(document.body)).toBeNull();
    // Then every block that is not furniture by itself is article text.
    expect(article('div p')).toBe(true);
  });
});

describe('furniture', () => {
  it('is what lies outside the main content, except the headline', () => {
    page(
      `<h1 id="h">Headline</h1><div id="side"><p id="s">x</p></div><article><p id="p">x</p>${PROSE}</article>`,
    );
    expect(article('#p')).toBe(true);
    expect(article('#s')).toBe(false);
    expect(article('#h')).toBe(true);
  });

  it('is navigation, asides and footers, by tag or role, even inside the article; the headline too', () => {
    for (const box of ['nav', 'aside', 'footer', 'div role="navigation"', 'div role="complementary"']) {
      const tag = box.split(' ')[0]!;
      page(`<article>${PROSE}<${box}><p id="p">x</p><h1 id="h">x</h1></${tag}></article>`);
      expect(article('#p'), box).toBe(false);
      expect(article('#h'), box).toBe(false);
    }
  });

  it('is the page’s banner, not the article’s own header (headline, standfirst, byline)', () => {
    page(
      `<header><p id="site">Site</p><h1 id="h">Headline</h1></header>` +
        `<article><header><p id="dek">Standfirst</p></header>${PROSE}</article>`,
    );
    expect(article('#site')).toBe(false);
    expect(article('#h')).toBe(true);
    expect(article('#dek')).toBe(true);
  });

  it('is a box named related, cookie, licence, share… (whole words of the class or id)', () => {
    for (const name of [
      'related-stories',
      'relatedStories',
      'RecommendedReads',
      'more-stories',
      'newsletter-signup',
      'cookie-banner',
      'consentDialog',
      'license-notice',
      'licence',
      'site-copyright',
      'share-tools',
      'social',
      'breadcrumbs',
      'sidebar',
      'promo',
      'page-footer',
      'comments',
    ])
      expect(FURNITURE_NAME.test(name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()), name).toBe(true);
    for (const name of ['commentary', 'shared-content', 'promotional', 'article-body', 'unlicensed'])
      expect(FURNITURE_NAME.test(name), name).toBe(false);
    page(
      `<article>${PROSE}<div class="x related-box"><p id="p">x</p></div><div id="cookieNotice"><p id="c">x</p></div></article>`,
    );
    expect(article('#p')).toBe(false);
    expect(article('#c')).toBe(false);
  });

  it('is not a title’s slug that happens to hold such a word (an interactive graphic’s id)', () => {
    page(`<article>${PROSE}<section id="debt-as-a-share-of-gdp"><p id="p">x</p></section></article>`);
    expect(article('#p')).toBe(true);
    page(`<article>${PROSE}<section id="aclu-blog-related-stories"><p id="p">x</p></section></article>`);
    expect(article('#p')).toBe(false);
  });

  it('is not a named box that holds half the main content’s prose (a layout’s name)', () => {
    page(
      `<div role="main"><div class="panel-sidebar-right"><p id="p">x</p>${PROSE.repeat(4)}</div>` +
        `<div class="sidebar"><p id="s">x</p>${PROSE}</div></div>`,
    );
    expect(article('#p')).toBe(true);
    expect(article('#s')).toBe(false);
  });

  it('is never an element that holds the main content (a body or wrapper "with sidebar")', () => {
    page(`<div class="layout has-sidebar"><article><p id="p">x</p>${PROSE}</article></div>`);
    expect(article('#p')).toBe(true);
  });

  it('keeps the headline as article text in a breadcrumb box (tmz), not in navigation', () => {
    page(
      `<div class="breadcrumbs"><h1 id="h">Headline</h1><p id="b">Home</p></div><article>${PROSE}</article>`,
    );
    expect(article('#h')).toBe(true);
    expect(article('#b')).toBe(false);
  });

  it('is a block inside a link (a teaser card) or a list item that is all links', () => {
    page(
      `<article>${PROSE}<ol><li id="l1"><a href="/a"><h2 id="card">AI story</h2></a></li>` +
        `<li id="l2"><a href="/b">Another story</a></li><li id="l3">Read <a href="/c">this</a> and more words here</li></ol>` +
        `<p id="p">Text with <a href="/d">a link</a> inside.</p></article>`,
    );
    expect(article('#card')).toBe(false);
    expect(article('#l2')).toBe(false);
    expect(article('#l3')).toBe(true);
    expect(article('#p')).toBe(true);
  });
});

describe('the DOM adapter', () => {
  it('classifies by the article: a related-story link and a footer do not make it about AI and copyright', () => {
    const body = page(
      `<article><h1>Trump posts again</h1>${PROSE}<p>Donald Trump posted overnight.</p>` +
        `<ul class="related"><li><a href="/x">Why AI chatbots get the news wrong</a></li></ul></article>` +
        `<footer><a href="/l">Licensing FAQ</a></footer>`,
    );
    expect(aiCopyright(body)).toBe(false);
    // The same words in the article are evidence.
    page(`<article><h1>Trump posts again</h1>${PROSE}<p>AI firms want a licensing deal.</p></article>`);
    expect(aiCopyright(document.body)).toBe(true);
  });

  it('still reports furniture’s mentions: a signatory in a related-story list is marked', () => {
    const body = page(`<article>${PROSE}</article><aside><p>Mark Ruffalo on AI and copyright</p></aside>`);
    const scan = scanDom(body, realMatcher);
    expect(scan.people).toEqual([{ id: 'mark-ruffalo', mentions: 1 }]);
    expect(scan.classification.aiCopyright).toBe(false);
  });

  it('places a shadow root’s text where its host is (in the footer: furniture)', () => {
    const body = page(`<article>${PROSE}</article><footer><x-notice></x-notice></footer>`);
    const shadow = body.querySelector('x-notice')!.attachShadow({ mode: 'open' });
    shadow.appendChild(document.createElement('p')).textContent = 'AI firms face copyright claims';
    expect(aiCopyright(body)).toBe(false);
    body.querySelector('article')!.appendChild(body.querySelector('x-notice')!);
    expect(aiCopyright(body)).toBe(true);
  });

  it('gets a slice of its own in a sliced scan, only when it has work, with the same result', async () => {
    const yields = async (root: HTMLElement) => {
      let count = 0;
      const scan = await scanDomSliced(root, realMatcher, {
        budgetMs: 1e9,
        yieldFn: async () => void count++,
      });
      expect(scan.classification).toEqual(scanDom(root, realMatcher).classification);
      return count;
    };
    expect(await yields(page(`<article>${PROSE}<p>AI.</p></article>`))).toBe(1);
    expect(await yields(page(`<article>${PROSE}<p>AI.</p></article><footer>Copyright policy</footer>`))).toBe(
      2,
    );
  });

  it('looks for the main content once per scan, and only when the classification depends on it', () => {
    const body = page(`<article>${PROSE}<p>Nothing to find here at all.</p></article>`);
    const spy = vi.spyOn(body, 'querySelectorAll');
    const lookups = () => spy.mock.calls.filter(([s]) => s === 'article').length;
    scanDom(body, realMatcher);
    expect(lookups()).toBe(0);
    // Names and AI terms but no copyright term: the page cannot be about AI and copyright.
    body
      .querySelector('article')!
      .insertAdjacentHTML('beforeend', '<p>Mark Ruffalo.</p><p>AI.</p><p>AI.</p>');
    expect(scanDom(body, realMatcher).people).toEqual([{ id: 'mark-ruffalo', mentions: 1 }]);
    expect(lookups()).toBe(0);
    body.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>Copyright.</p><p>AI.</p>');
    expect(scanDom(body, realMatcher).classification.aiCopyright).toBe(true);
    expect(lookups()).toBe(1);
    spy.mockRestore();
  });
});
