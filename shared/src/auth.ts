import { z } from 'zod';
import { nonBlank } from './common';

/** An email address, trimmed and lower-cased: one person, one address, whatever the casing typed. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .transform((e) => e.toLowerCase());

/**
 * A password's shape: 10 to 256 characters, more than three different ones. The service also
 * refuses passwords that are common or easy to guess, with a field error on `password`; that check
 * needs large word lists, so it stays on the server rather than in every browser bundle.
 */
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(256, 'Use at most 256 characters.')
  .refine((p) => new Set(p).size >= 4, 'Use more than three different characters.')
  .meta({ description: '10 to 256 characters with at least four different characters; the service also refuses well-known and easily guessed passwords.' });

export const signupSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    account_name: nonBlank(200),
    name: z.string().trim().max(200).optional(),
  })
  .strict()
  .meta({ id: 'SignUp' });

export const signinSchema = z.object({ email: emailSchema, password: z.string().min(1).max(256) }).strict().meta({ id: 'SignIn' });

/** The refresh token, in the body; a browser in cookie mode sends none and its cookie is used. */
export const refreshSchema = z
  .object({
    refresh: z.string().min(1).max(4096).optional().meta({ description: 'The refresh token. Required unless the session cookie is sent with "X-IGNY8-Session: cookie".' }),
  })
  .strict()
  .meta({ id: 'Refresh' });
