import { z } from 'zod';
import { nonBlank } from './common';

const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password123', '1234567890', '12345678910', 'qwertyuiop', 'iloveyou12',
  'letmein123', 'welcome123', 'admin12345', 'passw0rd123', 'qwerty1234', '1q2w3e4r5t', 'abc1234567',
]);

/** An email address, trimmed and lower-cased: one person, one address, whatever the casing typed. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .transform((e) => e.toLowerCase());

/** A password long enough to resist guessing: 10 to 256 characters, not a well-known one, not one repeated character. */
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(256, 'Use at most 256 characters.')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'This password is too common.')
  .refine((p) => new Set(p).size >= 4, 'Use more than three different characters.')
  .meta({ description: '10 to 256 characters, not a well-known password, at least four different characters.' });

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

export const refreshSchema = z.object({ refresh: z.string().min(1).max(4096) }).strict().meta({ id: 'Refresh' });
