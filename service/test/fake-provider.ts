import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMBEDDING_DIMS, FAKE_PNG, fakeEmbedding, synthesize } from './fake-answers';

export { FAKE_PNG, fakeEmbedding, synthesize } from './fake-answers';

// A stand-in for the paid AI providers, served over real HTTP on loopback: OpenAI-compatible chat
// completions, embeddings and images, and Runware's task API. Answers are deterministic, shaped
// like the real ones, and faults can be injected per request.

type Route = 'chat' | 'embeddings' | 'images' | 'runware';

export type Fault = {
  kind: '429' | '500' | 'slow' | 'malformed_json' | 'schema_violation' | 'drop';
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** For 429: the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** For 429: the retry-after-ms header. */
  retryAfterMs?: number;
  /** For slow: how long the answer is held back (default 5 s). */
  delayMs?: number;
  /** Only requests to this endpoint; any endpoint when unset. */
  path?: Route;
};

export type RecordedRequest = { path: string; body: any; headers: Record<string, string | string[] | undefined> };

export type FakeProvider = {
  /** e.g. http://127.0.0.1:PORT/v1 */
  openaiBaseUrl: string;
  runwareUrl: string;
  requests: RecordedRequest[];
  /** The most requests in flight at once with this `Authorization` header, since the start. */
  peakInFlight(authorization: string): number;
  /** Applies to the next `times` (default 1) matching requests, after faults added earlier are used up. */
  fault(f: Fault): void;
  clearFaults(): void;
  /** A custom answer for chat requests whose schema has this name; a string is sent as the content verbatim. */
  onChat(schemaName: string, answer: (body: any) => unknown): void;
  /** Added to every answer (0 by default). */
  latency(ms: number): void;
  /** Off: chat requests with a `json_schema` response format are refused with 400, like older local servers. */
  jsonSchemaSupport(supported: boolean): void;
  /** On: the images endpoint answers URLs whatever `response_format` asks, like some compatible servers. */
  imageUrlsOnly(on: boolean): void;
  /**
   * Decides the image of an images request by its body: bytes to answer (as base64 or behind a URL),
   * 'refuse' for a content-policy refusal (400), undefined for the default small PNG.
   */
  onImage(answer: ((body: any) => Buffer | 'refuse' | undefined) | null): void;
  /** Where image URLs point (default: this server, which serves them); e.g. a private address no one may fetch. */
  imageUrlOrigin(origin: string | null): void;
  close(): Promise<void>;
};

/** Requests carrying this key are refused as unauthenticated, by every endpoint. */
export const INVALID_API_KEY = 'invalid-key';


const ROUTES: Record<string, Route> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
  '/v1/images/generations': 'images',
  '/runware/v1': 'runware',
};

export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  let faults: Array<Fault & { remaining: number }> = [];
  const chatAnswers = new Map<string, (body: any) => unknown>();
  let latencyMs = 0;
  let jsonSchemaSupported = true;
  let urlsOnly = false;
  let origin = '';
  let imageAnswer: ((body: any) => Buffer | 'refuse' | undefined) | null = null;
  let urlOrigin: string | null = null;
  // The bytes behind each image URL handed out, by its file name.
  const files = new Map<string, Buffer>();

  function takeFault(route: Route): Fault | undefined {
    const f = faults.find((x) => x.remaining > 0 && (!x.path || x.path === route));
    if (!f) return undefined;
    f.remaining--;
    faults = faults.filter((x) => x.remaining > 0);
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    let body: any = raw;
    if (raw && /json/.test(String(req.headers['content-type']))) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    requests.push({ path, body, headers: req.headers });

    if (req.method === 'GET' && path.startsWith('/files/')) {
      if (!(await pause(latencyMs, res))) return;
      const file = files.get(path.slice('/files/'.length)) ?? FAKE_PNG;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': file.length }).end(file);
      return;
    }
    const route = req.method === 'POST' ? ROUTES[path] : undefined;
    if (!route) return sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error' } });

    const fault = takeFault(route);
    if (!(await pause(latencyMs, res))) return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === '429') {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      return sendJson(res, 429, errorBody(route, 'rate_limit_exceeded', 'Rate limit reached for requests. Please try again later.'), headers);
    }
    if (fault?.kind === '500') return sendJson(res, 500, errorBody(route, 'server_error', 'The server had an error while processing your request.'));
    if (fault?.kind === 'slow' && !(await pause(fault.delayMs ?? 5000, res))) return;

    if (apiKeyOf(route, req, body) === INVALID_API_KEY) {
      return sendJson(res, 401, route === 'runware'
        ? { errors: [{ code: 'invalidApiKey', message: 'Invalid API key.', parameter: 'apiKey', taskType: 'authentication' }] }
        : { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const broken = fault?.kind === 'malformed_json' ? 'malformed' : fault?.kind === 'schema_violation' ? 'violation' : undefined;
    if (route === 'chat') return chat(res, body, broken);
    if (broken === 'malformed') return sendRaw(res, 200, '{"object": "list", "data": [');
    if (route === 'embeddings') return embeddings(res, body, broken);
    if (route === 'images') return images(res, body, broken);
    return runware(res, body, broken);
  }

  function chat(res: ServerResponse, body: any, broken: 'malformed' | 'violation' | undefined) {
    if (typeof body?.model !== 'string' || !Array.isArray(body?.messages)) {
      return sendJson(res, 400, { error: { message: "'model' and 'messages' are required", type: 'invalid_request_error' } });
    }
    const format = body.response_format;
    if (format?.type === 'json_schema' && !jsonSchemaSupported) {
      return sendJson(res, 400, { error: { message: "Invalid 'response_format': 'json_schema' is not supported by this server", type: 'invalid_request_error', param: 'response_format' } });
    }
    const { name, schema } = requestedSchema(body);
    let content: string;
    if (broken === 'malformed') content = 'Sure! Here is the JSON you asked for: {"title": "unfinished';
    else if (broken === 'violation') content = JSON.stringify({ answer: 'I did not follow the schema' });
    else if (name && chatAnswers.has(name)) {
      const answer = chatAnswers.get(name)!(body);
      content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    } else if (schema) content = JSON.stringify(synthesize(schema, schema, name ?? 'value'));
    else if (format?.type === 'json_object') content = '{}';
    else content = 'A plain answer from the fake provider.';
    const promptTokens = tokens(body.messages.map((m: any) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n'));
    const completionTokens = tokens(content);
    sendJson(res, 200, {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  function embeddings(res: ServerResponse, body: any, broken: 'violation' | undefined) {
    const input: unknown = body?.input;
    const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((t) => typeof t === 'string') ? (input as string[]) : undefined;
    if (typeof body?.model !== 'string' || !texts || texts.length === 0) {
      return sendJson(res, 400, { error: { message: "'input' must be a string or a non-empty array of strings", type: 'invalid_request_error', param: 'input' } });
    }
    const dims = Number.isInteger(body.dimensions) && body.dimensions > 0 ? body.dimensions : EMBEDDING_DIMS;
    const served = broken === 'violation' ? texts.slice(0, -1) : texts;
    const data = served.map((text, index) => {
      const vector = fakeEmbedding(text, dims);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const promptTokens = texts.reduce((n, t) => n + tokens(t), 0);
    sendJson(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  }

  function images(res: ServerResponse, body: any, broken: 'violation' | undefined) {
    if (typeof body?.prompt !== 'string' || !body.prompt) {
      return sendJson(res, 400, { error: { message: "'prompt' is required", type: 'invalid_request_error', param: 'prompt' } });
    }
    const model = String(body.model ?? 'dall-e-2');
    const gptImage = model.startsWith('gpt-image');
    if (gptImage && body.response_format !== undefined) {
      return sendJson(res, 400, { error: { message: "Unknown parameter: 'response_format'.", type: 'invalid_request_error', param: 'response_format', code: 'unknown_parameter' } });
    }
    const chosen = imageAnswer?.(body);
    if (chosen === 'refuse') {
      return sendJson(res, 400, { error: { message: 'Your request was rejected as a result of our safety system.', type: 'invalid_request_error', code: 'content_policy_violation' } });
    }
    const image = chosen ?? FAKE_PNG;
    const asUrl = urlsOnly || body.response_format === 'url' || (body.response_format === undefined && !gptImage);
    const n = Number.isInteger(body.n) && body.n > 0 ? body.n : 1;
    const data = broken === 'violation' ? [] : Array.from({ length: n }, () => {
      if (!asUrl) return { b64_json: image.toString('base64') };
      const name = `${randomUUID()}.png`;
      files.set(name, image);
      return { url: `${urlOrigin ?? origin}/files/${name}`, revised_prompt: body.prompt };
    });
    sendJson(res, 200, {
      created: Math.floor(Date.now() / 1000),
      data,
      ...(gptImage ? { usage: { input_tokens: tokens(body.prompt), output_tokens: 272 * n, total_tokens: tokens(body.prompt) + 272 * n } } : {}),
    });
  }

  function runware(res: ServerResponse, body: any, broken: 'violation' | undefined) {
    if (!Array.isArray(body)) {
      return sendJson(res, 400, { errors: [{ code: 'invalidPayload', message: 'The request body must be a JSON array of tasks.' }] });
    }
    const data: unknown[] = [];
    const errors: unknown[] = [];
    for (const task of body) {
      if (task?.taskType === 'authentication') continue;
      if (task?.taskType !== 'imageInference') {
        errors.push({ code: 'unsupportedTaskType', message: `Unsupported taskType ${JSON.stringify(task?.taskType)}.`, taskUUID: task?.taskUUID });
        continue;
      }
      const problem = runwareTaskProblem(task);
      if (problem) {
        errors.push({ ...problem, taskType: 'imageInference', taskUUID: task.taskUUID });
        continue;
      }
      const outputType = task.outputType ?? 'URL';
      for (let i = 0; i < (task.numberResults ?? 1); i++) {
        if (broken === 'violation') {
          data.push({ taskType: 'imageInference', taskUUID: task.taskUUID });
          continue;
        }
        const imageUUID = randomUUID();
        data.push({
          taskType: 'imageInference',
          taskUUID: task.taskUUID,
          imageUUID,
          ...(outputType === 'URL' ? { imageURL: `${origin}/files/${imageUUID}.png` } : {}),
          ...(outputType === 'base64Data' ? { imageBase64Data: FAKE_PNG.toString('base64') } : {}),
          ...(outputType === 'dataURI' ? { imageDataURI: `data:image/png;base64,${FAKE_PNG.toString('base64')}` } : {}),
          seed: 1234,
          ...(task.includeCost ? { cost: 0.0013 } : {}),
        });
      }
    }
    if (errors.length) return sendJson(res, 400, { errors });
    sendJson(res, 200, { data });
  }

  const inFlight = new Map<string, { now: number; peak: number }>();
  const server = createServer((req, res) => {
    const counter = inFlight.get(req.headers.authorization ?? '') ?? { now: 0, peak: 0 };
    inFlight.set(req.headers.authorization ?? '', counter);
    counter.peak = Math.max(counter.peak, ++counter.now);
    res.once('close', () => counter.now--);
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    openaiBaseUrl: `${origin}/v1`,
    runwareUrl: `${origin}/runware/v1`,
    requests,
    peakInFlight: (authorization) => inFlight.get(authorization)?.peak ?? 0,
    fault: (f) => faults.push({ ...f, remaining: f.times ?? 1 }),
    clearFaults: () => {
      faults = [];
    },
    onChat: (schemaName, answer) => chatAnswers.set(schemaName, answer),
    latency: (ms) => {
      latencyMs = ms;
    },
    jsonSchemaSupport: (supported) => {
      jsonSchemaSupported = supported;
    },
    imageUrlsOnly: (on) => {
      urlsOnly = on;
    },
    onImage: (answer) => {
      imageAnswer = answer;
    },
    imageUrlOrigin: (o) => {
      urlOrigin = o;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Waits `ms`; false when the client went away meanwhile (then nothing is sent). */
function pause(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  sendRaw(res, status, JSON.stringify(body), headers);
}

function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

function errorBody(route: Route, code: string, message: string) {
  return route === 'runware' ? { errors: [{ code, message }] } : { error: { message, type: code, code } };
}

function apiKeyOf(route: Route, req: IncomingMessage, body: any): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer || route !== 'runware') return bearer;
  return Array.isArray(body) ? body.find((t: any) => t?.taskType === 'authentication')?.apiKey : undefined;
}

function runwareTaskProblem(task: any): { code: string; message: string; parameter: string } | undefined {
  const side = (v: unknown) => Number.isInteger(v) && (v as number) >= 128 && (v as number) <= 2048 && (v as number) % 64 === 0;
  if (typeof task.taskUUID !== 'string' || !/^[0-9a-f-]{36}$/i.test(task.taskUUID)) {
    return { code: 'invalidTaskUUID', message: 'taskUUID must be a UUID v4.', parameter: 'taskUUID' };
  }
  if (typeof task.positivePrompt !== 'string' || task.positivePrompt.length < 2 || task.positivePrompt.length > 3000) {
    return { code: 'invalidPositivePrompt', message: 'positivePrompt must be 2 to 3000 characters.', parameter: 'positivePrompt' };
  }
  if (typeof task.model !== 'string' || !task.model) return { code: 'invalidModel', message: 'model is required.', parameter: 'model' };
  if (!side(task.width)) return { code: 'invalidWidth', message: 'width must be 128–2048 and divisible by 64.', parameter: 'width' };
  if (!side(task.height)) return { code: 'invalidHeight', message: 'height must be 128–2048 and divisible by 64.', parameter: 'height' };
  if (task.outputType !== undefined && !['URL', 'base64Data', 'dataURI'].includes(task.outputType)) {
    return { code: 'invalidOutputType', message: 'outputType must be URL, base64Data or dataURI.', parameter: 'outputType' };
  }
  return undefined;
}

function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The schema a chat request asks for: from `json_schema`, or in JSON mode from the system prompt's ```json block. */
function requestedSchema(body: any): { name?: string; schema?: Record<string, unknown> } {
  const format = body.response_format;
  if (format?.type === 'json_schema') return { name: format.json_schema?.name, schema: format.json_schema?.schema };
  if (format?.type !== 'json_object') return {};
  const system = body.messages.find((m: any) => m.role === 'system')?.content;
  const block = typeof system === 'string' ? /```json\s*\n([\s\S]*?)\n```/.exec(system)?.[1] : undefined;
  if (!block) return {};
  try {
    const schema = JSON.parse(block);
    return { name: typeof schema.title === 'string' ? schema.title : undefined, schema };
  } catch {
    return {};
  }
}
