import { PROMPT_VARIABLES, type PromptFunction } from '@igny8/shared';
import type { FieldErrors } from '../../http/errors';

// `{{name}}`, spaces inside the braces allowed. Anything between double braces counts as a
// placeholder, so a typo such as `{{ Keywords }}` is reported instead of reaching the model verbatim.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a template uses, each once, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!))];
}

/** Problems that make `template` unusable for `fn`: unknown or missing required variables. */
export function templateProblems(fn: PromptFunction, template: string): FieldErrors | null {
  const allowed = PROMPT_VARIABLES[fn];
  const used = templateVariables(template);
  const unknown = used.filter((name) => !allowed.some((v) => v.name === name));
  const missing = allowed.filter((v) => v.required && !used.includes(v.name)).map((v) => v.name);
  const messages: string[] = [];
  if (unknown.length > 0) {
    const names = allowed.map((v) => v.name).join(', ');
    messages.push(`Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}; ${fn} offers ${names}.`);
  }
  if (missing.length > 0) {
    messages.push(`Missing required variable${missing.length > 1 ? 's' : ''} ${missing.map((n) => `{{${n}}}`).join(', ')}.`);
  }
  return messages.length > 0 ? { template: messages } : null;
}

/**
 * Fills a template's placeholders in one pass. Every placeholder must have a value; values go in
 * verbatim, so braces inside a value (a keyword, a user's outline) are never expanded again.
 */
export function renderPrompt(template: string, vars: Record<string, string>): string {
  const missing = templateVariables(template).filter((name) => !Object.hasOwn(vars, name));
  if (missing.length > 0) throw new Error(`prompt variables not supplied: ${missing.join(', ')}`);
  return template.replace(PLACEHOLDER, (_, name: string) => vars[name]!);
}
