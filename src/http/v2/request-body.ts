import type { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';

/** Parses a JSON request body; an absent or empty body reads as `{}` (GET-style calls, setup-only Complete). */
export function parseJsonBody(raw: Buffer | undefined): unknown {
  if (raw === undefined || raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new DomainError('InvalidRequestFormat', 'The request body is not valid JSON.');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const fieldName = (path: readonly PropertyKey[]): string => path.map(String).join('.') || 'body';

/**
 * Validates a body against its schema and turns the first problem into the v2 error a caller
 * expects (spec §5.1): an unknown field is UnrecognizedField, a missing one MissingParameterValue,
 * anything else InvalidParameterValue naming the field.
 */
export function validateBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new DomainError('InvalidRequestFormat', 'The request body must be a JSON object.');
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new DomainError('InvalidRequest', 'The request body is invalid.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw new DomainError(
      'UnrecognizedField',
      `The field '${fieldName([...issue.path, key])}' is invalid for this API.`,
    );
  }
  const field = fieldName(issue.path);
  if (valueAt(input, issue.path) === undefined)
    throw new DomainError(
      'MissingParameterValue',
      `The parameter '${field}' is required but was not provided.`,
    );
  throw new DomainError(
    'InvalidParameterValue',
    `The value provided for '${field}' is invalid: ${issue.message}.`,
  );
}
