/**
 * The bundled data's truth rules. The first block checks the committed bundle itself; the second
 * breaks a copy in each way the product must never ship, and expects the schema to refuse it.
 */
import { describe, expect, it } from 'vitest';
import committed from '../../../assets/data/bundle.json';
import type { DataBundle, Entity } from '../../../lib/data/model';
import { DATA_FORMAT, isBareSurname, nameKey } from '../../../lib/data/schema';
import { validateBundle } from '../../../lib/data/validate';

const bundle = committed as DataBundle;
const signatories = bundle.entities.filter((e) => e.status === 'signed' || e.status === 'organiser');
const byName = (name: string) => bundle.entities.find((e) => e.name === name);

function messagesFor(broken: unknown): string[] {
  const result = validateBundle(broken);
  return result.ok ? [] : result.issues.map((i) => i.message);
}

/** A deep copy to break; the committed bundle stays untouched for the other tests. */
function copy(): DataBundle {
  return structuredClone(bundle);
}

function person(b: DataBundle, id: string): Entity {
  const found = b.entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id} in the bundle`);
  return found;
}

describe('the committed data bundle', () => {
  it('passes the schema', () => {
    const result = validateBundle(bundle);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('is dataset 2026.12.07, in the current data format', () => {
    expect(bundle.version).toBe('2026.12.07');
    expect(bundle.format).toBe(DATA_FORMAT);
  });

  it('names exactly the 40 published signatories, each with at least one source URL', () => {
    expect(signatories).toHaveLength(40);
    expect(bundle.counts.signatoriesPublished).toBe(40);
    // The five names dataset 2026.12.07 added.
    for (const id of ['paul-giamatti', 'phil-lord', 'chris-miller', 'brit-marling', 'kim-gordon']) {
      expect(
        signatories.map((e) => e.id),
        id,
      ).toContain(id);
    }
    for (const s of signatories) {
      expect(s.sources.length, s.id).toBeGreaterThan(0);
      for (const source of s.sources) expect(source.url, s.id).toMatch(/^https?:\/\//);
    }
  });

  it('never shows an unconfirmed claim as signed', () => {
    for (const name of ['Billie Eilish', 'Tessa Thompson', 'Lana Wachowski']) {
      expect(byName(name)?.status, name).toBe('unconfirmed');
    }
  });

  it('keeps Lilly Wachowski, Lana Wachowski and Lily Gladstone apart', () => {
    expect(byName('Lilly Wachowski')?.status).toBe('signed');
    expect(byName('Lily Gladstone')?.status).toBe('signed');
    expect(byName('Lana Wachowski')?.status).toBe('unconfirmed');
    expect(new Set(['Lilly Wachowski', 'Lily Gladstone', 'Lana Wachowski'].map(nameKey)).size).toBe(3);
  });

  it('marks the two reported organisers as organisers', () => {
    expect(byName('Natasha Lyonne')?.status).toBe('organiser');
    expect(byName('Bryn Mooser')?.status).toBe('organiser');
  });

  it('keeps actors of the debate out of the signatories', () => {
    for (const name of ['Donald Trump', 'OpenAI', 'Google', 'Michael Kratsios', 'Chris Lehane']) {
      expect(byName(name)?.status, name).toBe('actor');
    }
  });

  it('has no verbatim paragraph with an elision', () => {
    for (const p of bundle.letter.paragraphs.filter((p) => p.attestation === 'verbatim')) {
      expect(p.text).not.toMatch(/\[(…|\.\.\.)\]/);
    }
  });
});

describe('the schema refuses broken data', () => {
  it('a signatory without a source', () => {
    const b = copy();
    person(b, 'mark-ruffalo').sources = [];
    expect(messagesFor(b)).toContain('every entity needs at least one source');
  });

  it('a source that is not a web URL', () => {
    const b = copy();
    person(b, 'mark-ruffalo').sources[0]!.url = 'javascript:alert(1)';
    expect(messagesFor(b).join('\n')).toMatch(/URL/);
  });

  it('an unconfirmed name marked signed', () => {
    const b = copy();
    const lana = person(b, 'lana-wachowski');
    lana.status = 'signed';
    // Marked signed without outlets naming her, and one more signatory than were published.
    expect(messagesFor(b)).toEqual(
      expect.arrayContaining([
        'signatories (and only signatories) are named by at least one outlet',
        'counts.signatoriesPublished must equal the number of signatories in the data',
      ]),
    );
  });

  it('ids that collide between people', () => {
    const b = copy();
    person(b, 'lily-gladstone').id = 'lilly-wachowski';
    expect(messagesFor(b)).toContain('entity ids must be unique');
  });

  it('aliases that collide between people', () => {
    const b = copy();
    person(b, 'lily-gladstone').aliases.push('Lilly  WACHOWSKI');
    expect(messagesFor(b)).toContain('a name or alias must belong to one entity only');
  });

  it('an alias that is a bare surname', () => {
    const b = copy();
    person(b, 'mark-ruffalo').aliases.push('Ruffalo');
    expect(messagesFor(b).join('\n')).toMatch(/bare surname/);
  });

  it('a paragraph marked verbatim that contains an elision', () => {
    const b = copy();
    b.letter.paragraphs[0]!.text += ' […]';
    expect(messagesFor(b)).toContain('a paragraph marked verbatim must not contain an elision […]');
  });

  it('markup in a name record', () => {
    const b = copy();
    person(b, 'ben-stiller').name = 'Ben <script>alert(1)</script> Stiller';
    expect(messagesFor(b)).toContain('text must not contain markup characters < or >');
  });
});

describe('isBareSurname', () => {
  it('flags single Latin words and spares full names and unspaced scripts', () => {
    expect(isBareSurname('Wachowski')).toBe(true);
    expect(isBareSurname('Gordon-Levitt')).toBe(true);
    expect(isBareSurname('Cuarón')).toBe(true);
    expect(isBareSurname('Paul McCarteny')).toBe(false);
    expect(isBareSurname('班史提勒')).toBe(false);
  });
});

describe('roles as the research gives them', () => {
  it('each organisation keeps its own role (the joint labels are gone from the research)', () => {
    // Dataset 2026.11.23 gave Anthropic and Andreessen Horowitz one label ("AI company; VC firm"),
    // and the Writers Guild and The New York Times another ("Union; newspaper").
    const roles = Object.fromEntries(
      ['anthropic', 'andreessen-horowitz', 'writers-guild-of-america', 'new-york-times'].map((id) => [
        id,
        person(bundle, id).role,
      ]),
    );
    expect(roles).toEqual({
      anthropic: 'AI company',
      'andreessen-horowitz': 'Venture capital firm',
      'writers-guild-of-america': 'Union (screen and TV writers)',
      'new-york-times': 'Newspaper',
    });
    for (const role of Object.values(roles)) expect(role).not.toMatch(/;/);
  });
});
