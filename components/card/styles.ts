/**
 * The cards' stylesheet as a string, for the shadow root (a `<style>` or a constructable sheet);
 * page styles cannot reach in and these cannot leak out.
 */
import cardCss from './card.css?inline';

export { cardCss };
