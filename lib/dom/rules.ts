/**
 * How the DOM adapter turns a page into blocks of text, by tag name only (no getComputedStyle:
 * it would cost a style recalculation per element). The property test flattens pages with these
 * same sets, so the rules live in one place. Frames are the one place style is asked about
 * (isUnrenderedFrame, at the bottom): once per frame, to spare opening it.
 */

/**
 * Elements whose text is never read: code and styles, form fields the user types into, inert
 * templates, embedded documents (scanned separately when same-origin), graphics, and the head.
 */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'template',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
  'head',
  'title',
]);

/**
 * Block-level elements: a name is never assembled across their start or end. BUTTON counts (a
 * control's label is not prose that runs on into the next word); LABEL does not (it wraps inline
 * text in forms and bylines). Everything else (A, B, SPAN, EM, TIME, …) is inline and transparent.
 */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'html',
  'body',
  'address',
  'article',
  'aside',
  'blockquote',
  'button',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Empty elements that still separate text: a line break or a rule between two names. */
export const BREAK_TAGS: ReadonlySet<string> = new Set(['br', 'hr']);

/** The attribute every piece of Undersigned's own UI carries (and WXT's marker on shadow hosts). */
export const UI_ATTRIBUTE = 'data-undersigned-ui';
export const WXT_SHADOW_ATTRIBUTE = 'data-wxt-shadow-root';

/** Is this element's subtree excluded from matching (skipped tag, our UI, or an editable region)? */
export function isSkippedElement(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.localName)) return true;
  // One selector match instead of three attribute reads: most elements have a class attribute.
  return el.hasAttributes() && el.matches(SKIPPED_ATTRIBUTES);
}

/** Our UI, WXT's shadow hosts, and editable regions (contenteditable unless "false"). */
export const SKIPPED_ATTRIBUTES = `[${UI_ATTRIBUTE}],[${WXT_SHADOW_ATTRIBUTE}],[contenteditable]:not([contenteditable="false"])`;

/** Does this element separate the text before it from the text after it? */
export function isBoundaryElement(el: Element): boolean {
  const tag = el.localName;
  return BLOCK_TAGS.has(tag) || BREAK_TAGS.has(tag) || isSkippedElement(el);
}

/**
 * A frame that is not rendered (display: none on it or an ancestor, as most ad and tracking slots
 * are) is not opened: a content script's first look into a same-origin frame costs 2–3 ms in
 * Chromium, which builds the extension's isolated world there, and its text is nowhere on the
 * reader's screen. The scan (scan-dom.ts) and the page watcher use this one rule.
 */
export function isUnrenderedFrame(frame: Element): boolean {
  return typeof frame.checkVisibility === 'function' && !frame.checkVisibility();
}

/*
 * Article text and page furniture. What a page is about (lib/match: the AI-and-copyright
 * classification) is read from its article, never from its furniture: an article about Trump's
 * tweets was "about AI and copyright" because a related-story link said "AI" and the footer
 * "Licensing FAQ"; a tech portal's footer said "published under license". Hits in furniture are
 * still reported (a signatory is marked wherever named); they are only no evidence of the topic.
 *
 * - The main content (findMainContent) is the page's <article> with the most paragraph text,
 *   else <main>, else [role=main], each only if it holds a quarter of the page's paragraph text
 *   (a promotion box or a teaser card can be an <article>); else a readability-style choice.
 *   Outside it is furniture.
 * - Inside it, furniture still: navigation, asides and footers (landmarks, by tag or role), the
 *   page's banner (a <header> not inside an article or main: inside one it is the article's own
 *   headline, standfirst and byline), and boxes whose class or id names a related-story list,
 *   recommendations, newsletter, cookie or consent notice, licence or copyright notice, share or
 *   social buttons, breadcrumbs, sidebar, promotion, footer or comments; and links standing as
 *   blocks: a block inside a link (a teaser card, "<a><h3>…</h3></a>") or a list item that is all
 *   link text (a "most popular" or related-story list, whatever its class is called).
 * - The headline (an <h1>) is article text wherever it is, on many sites in the page's banner,
 *   outside the main content or in a breadcrumb box; only not in navigation, an aside or a footer.
 * - An element holding the main content is never furniture (a <body class="has-sidebar">), nor
 *   is a named box holding half the main content's prose: a layout's name, not a box's (ACLU's
 *   blog posts sit in "panel-two-col-sidebar-right-mix").
 */

/** Landmark tags that are never the article. */
export const FURNITURE_TAGS: ReadonlySet<string> = new Set(['nav', 'aside', 'footer']);

/** The same landmarks by ARIA role (banner is handled like <header>). */
export const FURNITURE_ROLES: ReadonlySet<string> = new Set(['navigation', 'contentinfo', 'complementary']);

/**
 * Class or id words of furniture boxes, matched as whole words of the name (camelCase split, so
 * "relatedStories" and "related-stories" both match; "commentary" and "shared" do not).
 */
export const FURNITURE_NAME =
  /(?:^|[^a-z])(?:related|recommend(?:ed|ations?)?|more-?stories|newsletters?|cookies?|consent|licen[cs](?:e|es|ing)|copyrights?|share|sharing|social|breadcrumbs?|sidebar|promos?|footer|comments?)(?![a-z])/;

/** Flags of an element's place on the page, combined from the top down (furnitureFlags). */
export const IN_MAIN = 1;
/** In navigation, an aside or a footer. */
export const IN_LANDMARK = 2;
export const IN_BANNER = 4;
export const IN_HEADLINE = 8;
/** Inside an <article>, <main> or [role=main]: a <header> there is the article's own. */
export const IN_ARTICLE = 16;
/** In a box named as furniture (FURNITURE_NAME). */
export const IN_NAMED = 32;
/** In a link, or a list item of links only. */
export const IN_LINK = 64;

/** What the rules need to know of the whole page (readLayout): its main content and prose. */
export interface PageLayout {
  main: Element | null;
  prose: Prose;
  /** The prose in the main content (all of the page's when there is none). */
  mainProse: number;
}

/** The flags above a page's top element: with no main content found, everything is in it. */
export function topFlags(layout: PageLayout): number {
  return layout.main === null ? IN_MAIN : 0;
}

/** The flags of `el`, given its parent's: one element's own tag, role and names. */
export function furnitureFlags(parent: number, el: Element, layout: PageLayout): number {
  const main = layout.main;
  let flags = parent;
  const tag = el.localName;
  if (el === main) flags |= IN_MAIN;
  if (tag === 'h1') flags |= IN_HEADLINE;
  if ((flags & IN_LANDMARK) !== 0 || tag === 'html' || tag === 'body') return flags;
  if ((flags & IN_LINK) === 0 && (tag === 'a' || (tag === 'li' && isAllLinks(el)))) flags |= IN_LINK;
  const attributes = el.hasAttributes();
  const role = attributes ? el.getAttribute('role') : null;
  if (tag === 'article' || tag === 'main' || role === 'main') flags |= IN_ARTICLE;
  let kind = 0;
  if (FURNITURE_TAGS.has(tag) || (role !== null && FURNITURE_ROLES.has(role))) kind = IN_LANDMARK;
  else if ((tag === 'header' || role === 'banner') && (flags & IN_ARTICLE) === 0) kind = IN_BANNER;
  else if (attributes && (flags & IN_NAMED) === 0 && hasFurnitureName(el)) kind = IN_NAMED;
  if (kind === 0 || (main !== null && el.contains(main))) return flags;
  if (
    kind === IN_NAMED &&
    layout.mainProse >= MIN_PAGE_PROSE &&
    proseUnder(el, layout.prose) * 2 >= layout.mainProse
  )
    return flags;
  return flags | kind;
}

/** A name of more words than this is a title's slug ("debt-as-a-share-of-gdp"), not a box's role. */
const MAX_NAME_WORDS = 5;

function hasFurnitureName(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (names.length === 1) return false;
  for (const name of names.split(' ')) {
    if (name === '') continue;
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    if (words.split(/[-_]+/).length <= MAX_NAME_WORDS && FURNITURE_NAME.test(words)) return true;
  }
  return false;
}

/** Is (nearly) all of this element's text in links? 9 in 10 characters, leading and trailing space aside. */
function isAllLinks(el: Element): boolean {
  const all = (el.textContent ?? '').trim().length;
  if (all === 0) return false;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += (a.textContent ?? '').trim().length;
  return linked * 10 >= all * 9;
}

/** Is text with these flags the article's (evidence of what the page is about)? */
export function isArticleText(flags: number): boolean {
  if ((flags & IN_LANDMARK) !== 0) return false;
  if ((flags & IN_HEADLINE) !== 0) return true;
  return (flags & (IN_MAIN | IN_BANNER | IN_NAMED | IN_LINK)) === IN_MAIN;
}

/** Paragraphs shorter than this are captions, bylines or teaser lines, not article prose. */
const MIN_PARAGRAPH = 40;

/** Less paragraph text than this on the whole page: no measure of where the prose is. */
const MIN_PAGE_PROSE = 200;

/** Landmarks whose paragraphs are not the article's prose (footer notices, asides). */
const LANDMARK_SELECTOR =
  'nav,aside,footer,header,[role=navigation],[role=contentinfo],[role=complementary],[role=banner]';

/**
 * The page's paragraphs of prose: each one's length, summed by parent, by nearest <article> (when
 * there are several to choose from), and in all.
 */
export interface Prose {
  lengths: Map<Element, number>;
  byParent: Map<Element, number>;
  byArticle: Map<Element, number>;
  total: number;
}

/**
 * The page under `root`, read once per scan and only on a page where something was found: its
 * prose and its main content (see above; null when there is none to tell, then all text is main).
 */
export function readLayout(root: Node): PageLayout {
  const scope = root as ParentNode;
  const prose: Prose = { lengths: new Map(), byParent: new Map(), byArticle: new Map(), total: 0 };
  if (typeof scope.querySelectorAll !== 'function') return { main: null, prose, mainProse: 0 };
  const articles = scope.querySelectorAll('article');
  readProse(scope, prose, articles.length > 1);
  const main = mainContent(scope, articles, prose);
  return { main, prose, mainProse: main === null ? prose.total : proseUnder(main, prose) };
}

/** The main content alone (readLayout). */
export function findMainContent(root: Node): Element | null {
  return readLayout(root).main;
}

function mainContent(scope: ParentNode, articles: NodeListOf<Element>, prose: Prose): Element | null {
  const semantic = [
    largestArticle(articles, prose),
    scope.querySelector('main'),
    scope.querySelector('[role=main]'),
  ];
  for (const el of semantic) {
    if (el !== null && (prose.total < MIN_PAGE_PROSE || proseUnder(el, prose) * 4 >= prose.total)) return el;
  }
  return densestProse(scope, prose);
}

/**
 * The <article> with the most text: paragraph text, each paragraph counted for its nearest
 * article (a page's text also counts scripts and style sheets, and reading the text of every
 * article, or querying each one, was most of the layout's cost on a big page); the first one when
 * none has paragraphs.
 */
function largestArticle(articles: NodeListOf<Element>, prose: Prose): Element | null {
  let best = articles[0] ?? null;
  let most = 0;
  for (const [article, length] of prose.byArticle) {
    if (length > most) {
      most = length;
      best = article;
    }
  }
  return best;
}

function readProse(scope: ParentNode, prose: Prose, severalArticles: boolean): void {
  for (const p of scope.querySelectorAll('p')) {
    const length = p.textContent?.length ?? 0;
    const parent = p.parentElement;
    if (length < MIN_PARAGRAPH || parent === null || p.closest(LANDMARK_SELECTOR) !== null) continue;
    prose.lengths.set(p, length);
    prose.byParent.set(parent, (prose.byParent.get(parent) ?? 0) + length);
    prose.total += length;
    const article = severalArticles ? parent.closest('article') : null;
    if (article !== null) prose.byArticle.set(article, (prose.byArticle.get(article) ?? 0) + length);
  }
}

function proseUnder(el: Element, prose: Prose): number {
  let sum = 0;
  for (const p of el.querySelectorAll('p')) sum += prose.lengths.get(p) ?? 0;
  return sum;
}

/**
 * Readability-style: the element whose own paragraphs hold the most text, widened to its parent
 * while the parent has paragraphs of its own (an article whose second half sits in a "read more"
 * box) or it holds less than two thirds of the page's prose (an article split by an ad). Null
 * when that reaches the body, or the page has almost no prose.
 */
function densestProse(scope: ParentNode, prose: Prose): Element | null {
  if (prose.total < MIN_PAGE_PROSE) return null;
  let best: Element | null = null;
  let most = 0;
  for (const [el, length] of prose.byParent) {
    if (length > most) {
      most = length;
      best = el;
    }
  }
  for (let el = best; el !== null && el !== scope; el = el.parentElement) {
    const tag = el.localName;
    if (tag === 'body' || tag === 'html') return null;
    const parent = el.parentElement;
    const parentOwn = parent === null ? 0 : (prose.byParent.get(parent) ?? 0);
    if (parentOwn === 0 && proseUnder(el, prose) * 3 >= prose.total * 2) return el;
  }
  return null;
}
