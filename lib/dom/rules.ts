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
