import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * Estimated guesses below which a password is refused: zxcvbn's score 3, "safe from an online
 * attack and slows an offline one". Passwords on the common-password lists score far lower.
 */
const MIN_GUESSES_LOG10 = 8;

let estimator: ZxcvbnFactory | undefined;

// Built on first use: the dictionaries take a tenth of a second to load and are not needed until then.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // Common passwords are short; checking only the start bounds the CPU a caller can ask for,
    // which grows steeply with length and with characters that read as l33t.
    maxLength: 32,
    l33tMaxSubstitutions: 3,
  });
  return estimator;
}

/**
 * Why a new password is too easy to guess, or null when it is fine. Checked against breached and
 * common passwords, dictionary words, keyboard walks, sequences, repeats and dates (NIST SP
 * 800-63B §3.1.1.2), and against the words of the account itself (its email, names, the product).
 */
export function weakPasswordReason(password: string, context: Array<string | undefined>): string | null {
  // Each word of a name or an email, and the whole of each run together ("Green Bakery" → greenbakery).
  const words = context.flatMap((text) => {
    const parts = text ? text.toLowerCase().split(/[^\p{L}\p{N}]+/u) : [];
    return [...parts, parts.join('')];
  }).filter((w) => w.length >= 3);
  const result = zxcvbn().check(password, ['igny8', ...words]);
  if (result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const hint = result.feedback.suggestions[0];
  return [result.feedback.warning ?? 'This password is too easy to guess.', hint].filter(Boolean).join(' ');
}
