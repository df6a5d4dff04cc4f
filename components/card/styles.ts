/**
 * The cards' stylesheet as a string, for the shadow root (a `<style>` or a constructable sheet);
 * page styles cannot reach in and these cannot leak out. The shared tokens and controls first.
 */
import baseCss from '../base.css?inline';
import cardOwnCss from './card.css?inline';
import sourcesCss from './sources.css?inline';

export const cardCss = `${baseCss}\n${cardOwnCss}\n${sourcesCss}`;
