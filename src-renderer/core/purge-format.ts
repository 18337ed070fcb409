// The wire format of a purge (core/purge.ts): the `s` entry's fields and a redacted entry's `g`.
// Apart from purge.ts because core/records.ts needs them and purge.ts needs records.ts.
import { z } from 'zod';

/** A redacted entry's `g`: "~" + base64url(SHA-256(d)), where a signed one has its signature. */
export const REDACTED_G = /^~[A-Za-z0-9_-]{43}$/;
/** Entries listed by one certificate (each `s` stays far under the 96 KiB entry limit). */
export const CERTIFICATE_ENTRIES = 800;

/** The `s` entry's fields (besides k, a, t). */
export const purgeSchema = {
  /** The epoch the purge opens (its `v` entry is written with it). */
  e: z.number().int().min(1).max(1_000_000),
  /** Data held until (ISO date), as the coordinator set the retention. */
  until: z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v))),
  /** Every sighting's text purged… */
  all: z.boolean(),
  /** …or these sightings' texts. */
  x: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(5000),
  /** Original entry id → base64url SHA-256 of its redacted text. */
  h: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.string().regex(/^[A-Za-z0-9_-]{43}$/)),
  /** This certificate's part, and how many parts the purge has. */
  n: z.number().int().min(0).max(10_000),
  of: z.number().int().min(1).max(10_000),
};

