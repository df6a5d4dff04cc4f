/**
 * The precision policy of the matcher, in one place: which surnames need extra evidence, which
 * words may stand before a surname, and what the other-language topic words mean. A wrong "signed"
 * is the worst bug the product can have, so every rule here errs towards marking less.
 */

/**
 * Surnames that are also ordinary English words. Alone, after the person's full name appeared,
 * they are marked only when capitalised, NOT at the start of a sentence (where every word is
 * capitalised: "Rock music is…") and not next to another capitalised word ("Rock Hall", "Plaza
 * Hotel"). "rock music" never matches.
 */
export const ORDINARY_WORD_SURNAMES: ReadonlySet<string> = new Set([
  'rock',
  'plaza',
  'coon',
  'waltz',
  'sacks',
]);

/**
 * Surnames shared by many other people (given names, common surnames, historical figures): alone,
 * they are marked only when capitalised and not part of a longer capitalised name ("Howard Stern",
 * "Ridley Scott", "Boris Johnson", "Thomas Jefferson"). A title before them is fine ("President
 * Vance").
 */
export const COMMON_NAME_SURNAMES: ReadonlySet<string> = new Set([
  'howard',
  'scott',
  'simon',
  'wilde',
  'johnson',
  'jefferson',
  'thompson',
  'mendes',
  'gladstone',
  'vance',
  'bondi',
  'mooser',
  'parker',
]);

/** Capitalised words that may precede a surname without making it part of a longer name. */
export const TITLES: ReadonlySet<string> = new Set([
  'president',
  'vice',
  'director',
  'senator',
  'sen',
  'governor',
  'gov',
  'secretary',
  'sir',
  'dame',
  'mr',
  'mrs',
  'ms',
  'dr',
  'judge',
  'justice',
  'actor',
  'actress',
  'comedian',
  'filmmaker',
  'writer',
  'producer',
  'singer',
  'star',
]);

/**
 * Capitalised words that often stand right before a surname without being a given name: words
 * that start a sentence or a clause, role words, and their French, Spanish, Portuguese, Italian
 * and German counterparts. Any other capitalised word of two letters or more before a surname is
 * taken for a different person's given name ("Stella McCartney", "Jerry Stiller", "Melania
 * Trump"), and the surname is not that person's mention. Missing a word here only loses a mark.
 */
export const NOT_GIVEN_NAMES: ReadonlySet<string> = new Set([
  ...['the', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'if', 'as', 'when', 'while'],
  ...['since', 'after', 'before', 'because', 'though', 'although', 'unlike', 'like', 'for'],
  ...['with', 'without', 'from', 'by', 'to', 'of', 'in', 'on', 'at', 'via', 'per', 'than'],
  ...['then', 'now', 'also', 'even', 'only', 'still', 'both', 'that', 'this', 'these', 'those'],
  ...['said', 'says', 'told', 'asked', 'added', 'wrote', 'meanwhile', 'however', 'indeed'],
  ...['his', 'her', 'their', 'our', 'my', 'your', 'its', 'what', 'why', 'how', 'where', 'who'],
  ...['former', 'fellow', 'musician', 'composer', 'author', 'novelist', 'rapper', 'host'],
  ...['chairman', 'ceo', 'founder', 'minister', 'chancellor', 'rep', 'representative', 'beatle'],
  ...['le', 'la', 'les', 'et', 'avec', 'selon', 'pour', 'el', 'los', 'las', 'con', 'según'],
  ...['segundo', 'para', 'por', 'com', 'il', 'lo', 'gli', 'der', 'die', 'das', 'und', 'mit'],
]);

/** Lower-case words that belong to a surname ("Guillermo del Toro" → "del Toro"). */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'del',
  'della',
  'der',
  'di',
  'da',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ten',
  'ter',
]);

/**
 * What the other-language topic words mean: the data lists them per language without a group, so
 * the core maps each (folded) word to the English topic it translates. Words not listed here
 * ("signataires", "carta abierta") are generic and are not used: they neither count as a topic
 * nor classify a page.
 */
export const LANGUAGE_TERM_TOPICS: Readonly<Record<string, string>> = {
  "droit d'auteur": 'copyright',
  "droits d'auteur": 'copyright',
  "diritto d'autore": 'copyright',
  'derechos de autor': 'copyright',
  'direitos autorais': 'copyright',
  版权: 'copyright',
  版權: 'copyright',
  'uso justo': 'fair-use',
  'intelligence artificielle': 'ai',
  ia: 'ai',
  'intelligenza artificiale': 'ai',
  'inteligencia artificial': 'ai',
  人工智能: 'ai',
  人工智慧: 'ai',
};

/**
 * Single-word terms written in capitals in the data and at most this long are acronyms ("AI",
 * "IA", "OSTP"): alone, they match only when written in capitals on the page, so "ai" inside
 * prose in another language, or "Ai" as a given name, never counts.
 */
export const ACRONYM_MAX_LENGTH = 5;

/** How much context a surname needs to be marked alone. */
export const SURNAME_PLAIN = 1;
export const SURNAME_COMMON = 2;
export const SURNAME_ORDINARY = 3;
