/**
 * Function words that say nothing about a keyword's topic. Deliberately short: search modifiers such
 * as "best", "cheap" or "near" stay, because TF-IDF already weighs them down when they are common
 * and they still separate "cheap flights" from "flights".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'for', 'from',
  'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 's',
  'so', 'than', 'that', 'the', 'their', 'them', 'these', 'this', 'those', 'to', 'vs', 'versus',
  'was', 'we', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'you', 'your',
]);
