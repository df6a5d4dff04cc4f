/** Validation of a data bundle, shared by the build script, the tests and the data updater. */
import * as v from 'valibot';
import type { DataBundle } from './model';
import { DataBundleSchema } from './schema';

export type ValidationResult =
  { ok: true; bundle: DataBundle } | { ok: false; issues: readonly { message: string; path: string }[] };

export function validateBundle(input: unknown): ValidationResult {
  const result = v.safeParse(DataBundleSchema, input);
  if (result.success) return { ok: true, bundle: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      message: issue.message,
      path: (issue.path ?? []).map((item) => String(item.key)).join('.'),
    })),
  };
}

export function formatIssues(issues: readonly { message: string; path: string }[]): string {
  return issues.map((i) => `- ${i.path || '(bundle)'}: ${i.message}`).join('\n');
}
