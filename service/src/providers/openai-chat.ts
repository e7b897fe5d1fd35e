import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { callOpenAI, modelFamily, type OpenAIContext } from './openai-call';
import { tokenCostUsd } from './pricing';
import { jsonModeSystemPrompt, readAnswer, structuredFormat, type StructuredFormat } from './structured-output';
import { ProviderError, type JsonRequest, type TextProvider } from './types';

type Mode = 'json_schema' | 'json_object';

// OpenAI's reasoning models refuse `max_tokens` and any temperature but the default; older
// OpenAI-compatible servers know only `max_tokens`.
const REASONING = /^(o\d|gpt-5)/;

function requestBody<T>(ctx: OpenAIContext, req: JsonRequest<T>, format: StructuredFormat, mode: Mode, followUp: ChatCompletionMessageParam[]): ChatCompletionCreateParamsNonStreaming {
  const model = ctx.settings.textModel;
  const reasoning = REASONING.test(modelFamily(model));
  const system = mode === 'json_schema' ? req.system : jsonModeSystemPrompt(req.system, format);
  return {
    model,
    messages: [{ role: 'system', content: system }, { role: 'user', content: req.user }, ...followUp],
    response_format: mode === 'json_schema' ? format.jsonSchemaFormat : { type: 'json_object' },
    ...(req.maxTokens === undefined ? {} : reasoning ? { max_completion_tokens: req.maxTokens } : { max_tokens: req.maxTokens }),
    ...(req.temperature === undefined || reasoning ? {} : { temperature: req.temperature }),
  };
}

/**
 * Structured answers over chat completions. An answer that is not JSON or fails the schema is
 * asked for again, with the problem told to the model, up to `maxRetries` times. A provider that
 * rejects `json_schema` (400/422) is asked once more in JSON mode with the schema in the prompt; when
 * that works, this provider keeps using JSON mode.
 */
export function openAIChat(ctx: OpenAIContext): TextProvider['completeJson'] {
  let jsonSchemaUnsupported = false;
  const what = `chat completion at ${ctx.host}`;

  return async function completeJson<T>(req: JsonRequest<T>) {
    const format = structuredFormat(req.schemaName, req.schema);
    let mode: Mode = jsonSchemaUnsupported ? 'json_object' : 'json_schema';
    let fellBack = false;
    let followUp: ChatCompletionMessageParam[] = [];
    let model = ctx.settings.textModel;
    let tokensIn = 0;
    let tokensOut = 0;

    for (let ask = 0; ; ask++) {
      let completion;
      try {
        completion = await callOpenAI(ctx, what, req.signal, (opts) =>
          ctx.client.chat.completions.create(requestBody(ctx, req, format, mode, followUp), opts),
        );
      } catch (err) {
        const unsupported = err instanceof ProviderError && (err.status === 400 || err.status === 422);
        if (mode === 'json_schema' && unsupported && !fellBack) {
          mode = 'json_object';
          fellBack = true;
          ask--;
          continue;
        }
        throw err;
      }
      model = completion.model || model;
      tokensIn += completion.usage?.prompt_tokens ?? 0;
      tokensOut += completion.usage?.completion_tokens ?? 0;

      const choice = completion.choices?.[0];
      const refusal = choice?.message?.refusal;
      if (refusal) throw new ProviderError('bad_response', `${what}: the model refused: ${refusal}`, { retryable: false });
      const content = choice?.message?.content ?? '';
      const reading = content.trim() ? readAnswer(content, req.schema, format) : { ok: false as const, problem: 'the answer is empty' };
      if (reading.ok) {
        if (fellBack) jsonSchemaUnsupported = true;
        return { data: reading.data, model, tokensIn, tokensOut, costUsd: tokenCostUsd(model, tokensIn, tokensOut) };
      }
      const problem = choice?.finish_reason === 'length' ? `${reading.problem} (cut off at the token limit)` : reading.problem;
      if (ask >= ctx.policy.maxRetries) {
        const err = new ProviderError('bad_response', `${what}: ${problem} (gave up after ${ask + 1} answers)`);
        err.attempts = ask + 1;
        throw err;
      }
      followUp = [
        { role: 'assistant', content },
        { role: 'user', content: `That answer cannot be used: ${problem}. Answer again with only the JSON object, following the schema exactly.` },
      ];
    }
  };
}
