import { describe, expect, it } from 'vitest';
import {
  TOPIC_WINDOW_CHARS,
  compileMatcher,
  fold,
  scanBlocks,
  type MatcherData,
} from '../../../lib/match/index';
import { toMatcherData } from '../../../lib/data/matcher-data';
import bundle from '../../../assets/data/bundle.json';
import type { DataBundle } from '../../../lib/data/model';
import { AI_COPYRIGHT_CONTEXT, found, people, realData, realMatcher } from './helpers';

const ctx = AI_COPYRIGHT_CONTEXT;

describe('fold', () => {
  it('keeps the length and lower-cases, strips diacritics, plain apostrophes, spaces and dashes', () => {
    const cases: [string, string][] = [
      ['PAUL MCCARTNEY', 'paul mccartney'],
      ['Alfonso Cuarón', 'alfonso cuaron'],
      ['Janelle Monáe', 'janelle monae'],
      ['Ruffalo’s', "ruffalo's"],
      ['Mark\u00a0Ruffalo\u2009and\u202fco', 'mark ruffalo and co'],
      ['Waller\u2011Bridge – x', 'waller-bridge - x'],
      ['Guðmundsdóttir Øre Łódź', 'gudmundsdottir ore lodz'],
      ['İstanbul', 'istanbul'],
    ];
    for (const [input, expected] of cases) {
      const out = fold(input);
      expect(out).toBe(expected);
      expect(out.length).toBe(input.length);
    }
  });

  it('never changes the length, whatever the input', () => {
    const odd = 'ﬁ æ ß ẞ ǅ Σ ς 𝐀 😀 \u0301 పాల్ 版權 İİ ŉ';
    expect(fold(odd).length).toBe(odd.length);
  });
});

describe('full names and aliases', () => {
  it('finds a full name whatever the case, with exact offsets', () => {
    const text = 'BREAKING: PAUL MCCARTNEY joins the fight';
    const scan = scanBlocks([text], realMatcher);
    expect(scan.mentions).toEqual([
      { block: 0, start: 10, end: 24, ref: { kind: 'entity', id: 'paul-mccartney' }, match: 'full' },
    ]);
    expect(found('paul mccartney spoke')).toEqual([['paul mccartney', 'paul-mccartney', 'full']]);
  });

  it('finds names with or without diacritics, precomposed or decomposed', () => {
    expect(people('Alfonso Cuaron signed')).toEqual([['Alfonso Cuaron', 'alfonso-cuaron', 'full']]);
    expect(people('Alfonso Cuarón signed')).toEqual([['Alfonso Cuarón', 'alfonso-cuaron', 'full']]);
    expect(people('Alfonso Cuaro\u0301n signed')).toEqual([
      ['Alfonso Cuaro\u0301n', 'alfonso-cuaron', 'full'],
    ]);
    expect(people('JANELLE MONÁE and Janelle Monae')).toEqual([
      ['JANELLE MONÁE', 'janelle-monae', 'full'],
      ['Janelle Monae', 'janelle-monae', 'full'],
    ]);
  });

  it('accepts straight and typographic apostrophes in a name', () => {
    for (const name of ["Faisal D'Souza", 'Faisal D’Souza', 'Faisal D‘Souza']) {
      expect(people([ctx, `${name} wrote it`])).toEqual([[name, 'faisal-d-souza', 'full']]);
    }
  });

  it('accepts non-breaking, thin and repeated spaces and line breaks between the parts of a name', () => {
    for (const name of ['Mark\u00a0Ruffalo', 'Mark\u2009Ruffalo', 'Mark\u202fRuffalo', 'Mark  \n Ruffalo']) {
      expect(people(`${name} signed`)).toEqual([[name, 'mark-ruffalo', 'full']]);
    }
  });

  it('finds a name followed by a possessive, without the possessive', () => {
    expect(people('Mark Ruffalo’s letter')).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
    expect(people("Mark Ruffalo's letter")).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
    expect(people('Mark Ruffalo signed. Ruffalo’s view')).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
    ]);
  });

  it('finds misspellings and titled forms from coverage as aliases, longest first', () => {
    expect(people('Cynthia Eviro and Maggie Gylenhall')).toEqual([
      ['Cynthia Eviro', 'cynthia-erivo', 'alias'],
      ['Maggie Gylenhall', 'maggie-gyllenhaal', 'alias'],
    ]);
    expect(people('Sir Paul McCartney said')).toEqual([['Sir Paul McCartney', 'paul-mccartney', 'alias']]);
  });

  it('finds Chinese aliases inside text without spaces, with or without the middle dot', () => {
    expect(people('好莱坞演员马克·鲁法洛表示反对')).toEqual([['马克·鲁法洛', 'mark-ruffalo', 'alias']]);
    expect(people('本・斯蒂勒和凱特布蘭琪')).toEqual([
      ['本・斯蒂勒', 'ben-stiller', 'alias'],
      ['凱特布蘭琪', 'cate-blanchett', 'alias'],
    ]);
    expect(people('演员本斯蒂勒说')).toEqual([['本斯蒂勒', 'ben-stiller', 'alias']]);
  });

  it('finds Telugu aliases', () => {
    expect(people('ప్రముఖ గాయకుడు పాల్ మాక్కార్ట్నీ సంతకం')).toEqual([['పాల్ మాక్కార్ట్నీ', 'paul-mccartney', 'alias']]);
    expect(people('క్రిస్ రాక్, రాన్ హోవార్డ్')).toEqual([
      ['క్రిస్ రాక్', 'chris-rock', 'alias'],
      ['రాన్ హోవార్డ్', 'ron-howard', 'alias'],
    ]);
  });

  it('finds names in an all-caps headline', () => {
    // Paul Simon shares his name (commonName since dataset 2026.12.07): counted on an AI-copyright page.
    expect(people([ctx, 'CHRIS ROCK AND PAUL SIMON SIGN LETTER'])).toEqual([
      ['CHRIS ROCK', 'chris-rock', 'full'],
      ['PAUL SIMON', 'paul-simon', 'full'],
    ]);
  });

  it('never assembles a name across blocks', () => {
    expect(people(['Ben', 'Stiller'])).toEqual([]);
    expect(people(['Mark', 'Ruffalo signed'])).toEqual([]);
  });

  it('does not take a person name glued by a hyphen to another word', () => {
    expect(people('Jean-Paul Simon spoke')).toEqual([]);
    expect(people('Joseph Gordon-Levitt and Phoebe Waller‑Bridge')).toEqual([
      ['Joseph Gordon-Levitt', 'joseph-gordon-levitt', 'full'],
      ['Phoebe Waller‑Bridge', 'phoebe-waller-bridge', 'full'],
    ]);
  });
});

describe('surname follow-ups', () => {
  it('marks a surname only after the full name, anywhere later in the document (seed article)', () => {
    const blocks = [
      'Mark Ruffalo, Bette Midler, Ava DuVernay, and more actors have signed a letter.',
      'In addition to Ruffalo, Midler, and DuVernay, others joined.',
      'Frequent Trump critic Midler previously shared a post.',
      'Following the 2024 election, director DuVernay blasted the result.',
    ];
    expect(people(blocks).filter((f) => f[2] === 'surname')).toEqual([
      ['Ruffalo', 'mark-ruffalo', 'surname'],
      ['Midler', 'bette-midler', 'surname'],
      ['DuVernay', 'ava-duvernay', 'surname'],
      ['Midler', 'bette-midler', 'surname'],
      ['DuVernay', 'ava-duvernay', 'surname'],
    ]);
  });

  it('does not mark a surname that comes before the full name', () => {
    expect(people(['Ruffalo said it first.', 'Mark Ruffalo signed.', 'Ruffalo again.'])).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
    ]);
    expect(people('Ruffalo, then Mark Ruffalo')).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
  });

  it('needs a capital letter for every surname', () => {
    expect(people('Mark Ruffalo signed; ruffalo is lower-case here')).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
    ]);
  });

  it('Chris Rock vs rock music: an ordinary-word surname needs a capital, mid-sentence, not inside a longer name', () => {
    const blocks = [
      'Chris Rock signed the letter.',
      'Fans of rock music were surprised.',
      'Rock music is loud.',
      'They met at the Rock Hall of Fame.',
      'ROCK CONCERT TONIGHT',
      'The comedian Rock said it was overdue.',
      'A statement from Rock, posted online.',
    ];
    expect(people(blocks)).toEqual([
      ['Chris Rock', 'chris-rock', 'full'],
      ['Rock', 'chris-rock', 'surname'],
      ['Rock', 'chris-rock', 'surname'],
    ]);
    const scan = scanBlocks(blocks, realMatcher);
    expect(scan.mentions.filter((m) => m.match === 'surname').map((m) => m.block)).toEqual([5, 6]);
  });

  it('never marks rock or plaza alone without the full name', () => {
    expect(
      people(['Rock music and a plaza.', 'Aubrey Plaza fans met at the Plaza Hotel.', 'Later, Plaza spoke.']),
    ).toEqual([
      ['Aubrey Plaza', 'aubrey-plaza', 'full'],
      ['Plaza', 'aubrey-plaza', 'surname'],
    ]);
  });

  it('Ron Howard vs Howard Stern: a common-name surname is not taken inside a longer capitalised name', () => {
    expect(
      people([
        'Ron Howard signed.',
        'Howard Stern mocked it.',
        'Howard said he was proud.',
        'Director Howard agreed.',
      ]),
    ).toEqual([
      ['Ron Howard', 'ron-howard', 'full'],
      ['Howard', 'ron-howard', 'surname'],
      ['Howard', 'ron-howard', 'surname'],
    ]);
    // Adam Scott shares his name (commonName since dataset 2026.12.07): counted on an AI-copyright page.
    expect(people([ctx, 'Adam Scott signed.', 'Ridley Scott did not.', 'Scott said so.'])).toEqual([
      ['Adam Scott', 'adam-scott', 'full'],
      ['Scott', 'adam-scott', 'surname'],
    ]);
    expect(people(['Rian Johnson signed.', 'Boris Johnson did not.'])).toEqual([
      ['Rian Johnson', 'rian-johnson', 'full'],
    ]);
  });

  it('Lilly Wachowski and Lily Gladstone are never confused; Wachowski alone never marks anyone', () => {
    expect(people('Lilly Wachowski and Lily Gladstone')).toEqual([
      ['Lilly Wachowski', 'lilly-wachowski', 'full'],
      ['Lily Gladstone', 'lily-gladstone', 'full'],
    ]);
    expect(people('Lily Wachowski and Lilly Gladstone')).toEqual([]);
    expect(
      people(['Lilly Wachowski signed.', 'Wachowski has long argued…', 'The Wachowski sisters.']),
    ).toEqual([['Lilly Wachowski', 'lilly-wachowski', 'full']]);
    expect(people(['Lana Wachowski was named once.', 'Wachowski said nothing.'])).toEqual([
      ['Lana Wachowski', 'lana-wachowski', 'full'],
    ]);
  });

  it('gives unconfirmed claims no surname follow-ups', () => {
    expect(people(['Tessa Thompson was mentioned by one outlet.', 'Thompson has said…'])).toEqual([
      ['Tessa Thompson', 'tessa-thompson', 'full'],
    ]);
  });

  it('never marks a surname two people in the data share, even if only one is on the page', () => {
    const data: MatcherData = {
      version: 't',
      entities: [
        { id: 'ann-smith', kind: 'person', name: 'Ann Smith', aliases: [], status: 'signed' },
        { id: 'bob-smith', kind: 'person', name: 'Bob Smith', aliases: [], status: 'actor' },
        { id: 'cy-jones', kind: 'person', name: 'Cy Jones', aliases: [], status: 'signed' },
      ],
      topics: [],
      languages: {},
    };
    const m = compileMatcher(data);
    expect(people(['Ann Smith signed.', 'Smith said.'], m)).toEqual([['Ann Smith', 'ann-smith', 'full']]);
    expect(people(['Cy Jones signed.', 'Jones said.'], m)).toEqual([
      ['Cy Jones', 'cy-jones', 'full'],
      ['Jones', 'cy-jones', 'surname'],
    ]);
  });

  it('takes particles into the surname and hyphenated surnames whole', () => {
    expect(people(['Guillermo del Toro signed.', 'Toro is a bull; del Toro agreed.'])).toEqual([
      ['Guillermo del Toro', 'guillermo-del-toro', 'full'],
      ['del Toro', 'guillermo-del-toro', 'surname'],
    ]);
    expect(people(['Joseph Gordon-Levitt signed.', 'Gordon-Levitt said; Levitt alone is not him.'])).toEqual([
      ['Joseph Gordon-Levitt', 'joseph-gordon-levitt', 'full'],
      ['Gordon-Levitt', 'joseph-gordon-levitt', 'surname'],
    ]);
  });

  it('gives actors follow-ups on AI-and-copyright pages (Trump, Kratsios, Altman)', () => {
    expect(
      people([
        ctx,
        'Donald Trump, Michael Kratsios and Sam Altman met.',
        'Trump, Kratsios and Altman agreed.',
      ]),
    ).toEqual([
      ['Donald Trump', 'donald-trump', 'full'],
      ['Michael Kratsios', 'michael-kratsios', 'full'],
      ['Sam Altman', 'sam-altman', 'full'],
      ['Trump', 'donald-trump', 'surname'],
      ['Kratsios', 'michael-kratsios', 'surname'],
      ['Altman', 'sam-altman', 'surname'],
    ]);
  });
});

describe('actors and classification', () => {
  it('is silent about actors on ordinary political news', () => {
    const scan = scanBlocks(['President Donald Trump met Google executives.', 'Trump said…'], realMatcher);
    expect(scan.mentions).toEqual([]);
    expect(scan.people).toEqual([]);
    expect(scan.classification).toEqual({ aiCopyright: false, letter: false, otherInitiative: false });
  });

  it('reports actors on AI-and-copyright pages, and signatories and unconfirmed claims on any page', () => {
    const page = ['Donald Trump and Mark Ruffalo.', 'Billie Eilish too.'];
    expect(scanBlocks(page, realMatcher).people).toEqual([
      { id: 'mark-ruffalo', mentions: 1 },
      { id: 'billie-eilish', mentions: 1 },
    ]);
    expect(scanBlocks([ctx, ...page], realMatcher).people).toEqual([
      { id: 'donald-trump', mentions: 1 },
      { id: 'mark-ruffalo', mentions: 1 },
      { id: 'billie-eilish', mentions: 1 },
    ]);
  });

  it('classifies: ai + copyright; letter needs an anchor; other initiatives have their own anchors', () => {
    const c = (blocks: string[]) => scanBlocks(blocks, realMatcher).classification;
    expect(c(['Generative AI is here.'])).toEqual({
      aiCopyright: false,
      letter: false,
      otherInitiative: false,
    });
    expect(c(['Copyright law is old.'])).toEqual({
      aiCopyright: false,
      letter: false,
      otherInitiative: false,
    });
    expect(c(['AI companies want a fair use exception.'])).toEqual({
      aiCopyright: true,
      letter: false,
      otherInitiative: false,
    });
    expect(
      c(['AI companies want a fair use exception.', 'The OSTP asked for comments on the AI Action Plan.']),
    ).toEqual({
      aiCopyright: true,
      letter: true,
      otherInitiative: false,
    });
    expect(c(['Artificial intelligence and copyright.', 'The Human Artistry Campaign responded.'])).toEqual({
      aiCopyright: true,
      letter: false,
      otherInitiative: true,
    });
    // An other-initiative anchor alone is not an AI story.
    expect(c(['Keir Starmer spoke about housing.'])).toEqual({
      aiCopyright: false,
      letter: false,
      otherInitiative: false,
    });
  });

  it('needs the AI and the copyright terms near each other, and ignores copyright notices', () => {
    const c = (blocks: string[]) => scanBlocks(blocks, realMatcher).classification.aiCopyright;
    // The window is TOPIC_WINDOW_CHARS of page text: a review's body and its footer are farther apart.
    const paragraph = 'The battery lasts a day and the screen is bright enough outdoors. '.repeat(4);
    expect(paragraph.length * 4).toBeGreaterThan(TOPIC_WINDOW_CHARS);
    expect(c(['A pocket AI companion.', paragraph, paragraph, paragraph, paragraph, 'Licensing FAQ'])).toBe(
      false,
    );
    expect(c(['A pocket AI companion.', paragraph, paragraph, 'Licensing FAQ'])).toBe(true);
    expect(c(['A pocket AI companion.', 'b', 'c', 'Licensing FAQ'])).toBe(true);
    expect(c(['AI news today.', 'Copyright © 2024 Example Inc.'])).toBe(false);
    expect(c(['AI news today.', '© Copyright 2024'])).toBe(false);
    expect(c(['人工智能新闻', '版权所有'])).toBe(false);
    expect(c(['人工智能与版权'])).toBe(true);
  });

  it('counts other-language terms by the topic they translate', () => {
    const scan = scanBlocks(["L'IA et le droit d'auteur : la lettre des signataires"], realMatcher);
    expect(scan.topics).toEqual([
      { id: 'ai', mentions: 1 },
      { id: 'copyright', mentions: 1 },
    ]);
    expect(scan.classification.aiCopyright).toBe(true);
  });

  it('matches short acronyms only in capitals and as whole words', () => {
    const terms = (t: string) => found(t).filter((f) => f[1] === 'ai');
    expect(terms('He said the ai was fair; Ai Weiwei; AIDS; maintain')).toEqual([]);
    expect(terms('AI-generated art and AI’s future')).toEqual([
      ['AI', 'ai', 'term'],
      ['AI', 'ai', 'term'],
    ]);
    expect(found('ia is not IA').filter((f) => f[1] === 'ai')).toEqual([['IA', 'ai', 'term']]);
  });

  it('lets the entity win over a topic term spelled the same (OpenAI, OSTP), and still counts the topic', () => {
    const onTopic = scanBlocks(['OpenAI wants a fair use exemption.', 'The OSTP received it.'], realMatcher);
    expect(onTopic.mentions.filter((m) => m.ref.kind === 'entity').map((m) => [m.ref.id, m.match])).toEqual([
      ['openai', 'full'],
      ['white-house-office-of-science-and-technology-policy', 'alias'],
    ]);
    expect(onTopic.topics).toEqual([
      { id: 'ai', mentions: 1 },
      { id: 'fair-use', mentions: 1 },
      { id: 'ostp', mentions: 1 },
    ]);
    expect(onTopic.classification).toEqual({ aiCopyright: true, letter: true, otherInitiative: false });

    // Off topic the actor is dropped, and the same words are reported as the terms they are.
    const offTopic = scanBlocks(['OpenAI released a model.'], realMatcher);
    expect(offTopic.people).toEqual([]);
    expect(offTopic.mentions).toEqual([
      { block: 0, start: 0, end: 6, ref: { kind: 'topic', id: 'ai' }, match: 'term' },
    ]);
  });

  it('treats a full organisation name that contains a topic term as that term too', () => {
    const scan = scanBlocks(
      ['AI and copyright: the White House Office of Science and Technology Policy asked.'],
      realMatcher,
    );
    expect(scan.people).toEqual([{ id: 'white-house-office-of-science-and-technology-policy', mentions: 1 }]);
    expect(scan.classification.letter).toBe(true);
  });

  it('does not take a lower-case common word for a one-word organisation', () => {
    expect(people([ctx, 'Just google it, said the anthropic study.'])).toEqual([]);
    expect(people([ctx, 'Google and Anthropic replied.'])).toEqual([
      ['Google', 'google', 'full'],
      ['Anthropic', 'anthropic', 'full'],
    ]);
  });
});

describe('leftmost-longest', () => {
  it('keeps the longest match at a position and never overlaps', () => {
    expect(found('the fair use doctrine applies')).toEqual([['fair use doctrine', 'fair-use', 'term']]);
    expect(found('text-and-data mining and TDM exceptions')).toEqual([
      ['text-and-data mining', 'text-and-data-mining', 'term'],
      ['TDM exceptions', 'text-and-data-mining', 'term'],
    ]);
  });

  it('matches terms with punctuation attached', () => {
    expect(found('with over $229Bn in wages and 2.3M American jobs')).toEqual([
      ['$229Bn', 'letter-figures', 'term'],
      ['2.3M American jobs', 'letter-figures', 'term'],
    ]);
    expect(found('the Data (Use and Access) Bill and Is This What We Want?')).toEqual([
      ['Data (Use and Access) Bill', 'other-initiative', 'term'],
      ['Is This What We Want?', 'other-initiative', 'term'],
    ]);
  });
});

describe('data', () => {
  it('toMatcherData keeps only what the matcher needs', () => {
    const data = toMatcherData(bundle as unknown as DataBundle);
    expect(Object.keys(data).sort()).toEqual(['entities', 'languages', 'topics', 'version']);
    expect(Object.keys(data.entities[0]!).sort()).toEqual(['aliases', 'id', 'kind', 'name', 'status']);
    expect(data.entities.length).toBe((bundle as unknown as DataBundle).entities.length);
    expect(data.languages).toEqual((bundle as unknown as DataBundle).topicLanguages);
  });

  it('every name and alias in the data is found in its own text', () => {
    for (const e of realData.entities) {
      for (const name of [e.name, ...e.aliases]) {
        const blocks = [ctx, `— ${name} —`];
        const hits = people(blocks);
        expect(hits, name).toEqual([
          [name, e.id, name === e.name ? 'full' : expect.stringMatching(/full|alias/)],
        ]);
      }
    }
  });

  it('adds spelled-out variants for ligatures and finds folded letters', () => {
    const m = compileMatcher({
      version: 't',
      entities: [
        { id: 'anne-maehle', kind: 'person', name: 'Anne Mæhle', aliases: [], status: 'signed' },
        { id: 'soren-k', kind: 'person', name: 'Søren Kierkegaard', aliases: [], status: 'signed' },
      ],
      topics: [],
      languages: {},
    });
    expect(people('Anne Maehle, Anne Mæhle, Soren Kierkegaard', m)).toEqual([
      ['Anne Maehle', 'anne-maehle', 'alias'],
      ['Anne Mæhle', 'anne-maehle', 'full'],
      ['Soren Kierkegaard', 'soren-k', 'full'],
    ]);
  });

  it('compiles 50,000 names and still finds the real ones', () => {
    const entities = [...realData.entities];
    for (let i = 0; i < 50_000; i++) {
      entities.push({
        id: `synthetic-${i}`,
        kind: 'person',
        name: `Given${i} Family${i % 977}`,
        aliases: [],
        status: 'signed',
      });
    }
    const m = compileMatcher({ ...realData, entities });
    expect(people('Mark Ruffalo met Given123 Family123 and Given49999 Family172.', m)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Given123 Family123', 'synthetic-123', 'full'],
      ['Given49999 Family172', 'synthetic-49999', 'full'],
    ]);
  });
});
