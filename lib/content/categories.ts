/** How a mention is drawn: people by their status, topics alike. */
import type { Status } from '../data/model';

export type MarkCategory = Status | 'topic';
