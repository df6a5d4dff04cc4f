/**
 * The types every part of Undersigned shares, inferred from the schema so that the validator and
 * the compiler can never disagree. Type-only: importing this costs the content script nothing.
 */
import type { InferOutput } from 'valibot';
import type {
  DataBundleSchema,
  EntitySchema,
  InitiativeSchema,
  LetterSchema,
  ParagraphSchema,
  SourceSchema,
  StatusSchema,
  SubmissionSchema,
  TopicSchema,
} from './schema';

export type DataBundle = InferOutput<typeof DataBundleSchema>;
export type Entity = InferOutput<typeof EntitySchema>;
export type Status = InferOutput<typeof StatusSchema>;
export type Source = InferOutput<typeof SourceSchema>;
export type Letter = InferOutput<typeof LetterSchema>;
export type Paragraph = InferOutput<typeof ParagraphSchema>;
export type Submission = InferOutput<typeof SubmissionSchema>;
export type Initiative = InferOutput<typeof InitiativeSchema>;
export type Topic = InferOutput<typeof TopicSchema>;
export type TopicGroup = Topic['group'];
