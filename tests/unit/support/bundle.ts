/** The committed data bundle, and its people and topics by name or id, for tests that read it. */
import committed from '../../../assets/data/bundle.json';
import type { DataBundle, Entity, Topic } from '../../../lib/data/model';

export const bundle = committed as DataBundle;

/** A person or organisation of the bundle by name; throws when the data no longer has it. */
export function entity(name: string): Entity {
  const found = bundle.entities.find((e) => e.name === name);
  if (!found) throw new Error(`no ${name} in the bundle`);
  return found;
}

export function topic(id: string): Topic {
  const found = bundle.topics.find((t) => t.id === id);
  if (!found) throw new Error(`no topic ${id}`);
  return found;
}
