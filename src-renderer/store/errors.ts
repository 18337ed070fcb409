// What a store command refuses, in French: fields that do not validate, and what the crisis's rules
// do not allow this member. Apart from crisis-store.ts so that the command files can throw them too.
import type { FieldError } from '../core/sighting';

export class SightingValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join(' ; '));
  }
}

/** A command the crisis's rules do not allow this member (French message). */
export class RuleError extends Error {}
