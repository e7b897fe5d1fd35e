import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An answer as the test service returns it. */
export type Answer = { status: number; text: string; body: unknown; headers: Headers };

/** An operation of the document, with where it is. */
export type Operation = { method: string; path: string; op: any };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of an OpenAPI document. */
export function operationsOf(doc: any): Operation[] {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })));
}

const pointer = (...keys: (string | number)[]) => keys.map((k) => encodeURIComponent(String(k).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Checks answers against an OpenAPI 3.1 document, whose schemas are JSON Schema 2020-12: the
 * status must be one the operation lists (`default` stands for 5xx only), the content type one
 * that status lists, and a JSON body must match its schema. Returns the problems, none if it conforms.
 */
export function responseValidator(doc: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi.json' });

  function check({ method, path, op }: Operation, res: Answer): string[] {
    let key = String(res.status);
    if (!op.responses[key] && res.status >= 500) key = 'default';
    let response = op.responses[key];
    if (!response) return [`status ${res.status} is not documented: ${res.text.slice(0, 300)}`];
    let at = `#/${pointer('paths', path, method, 'responses', key)}`;
    if (response.$ref) {
      at = response.$ref;
      response = response.$ref.slice(2).split('/').reduce((o: any, k: string) => o?.[k], doc);
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!response.content) return type && res.text ? [`status ${res.status} documents no body, got ${type}`] : [];
    if (!response.content[type]) return [`content type "${type}" is not documented for ${res.status}: ${Object.keys(response.content).join(', ')}`];
    if (type !== 'application/json') return [];
    const validate = ajv.getSchema(`openapi.json${at}/${pointer('content', type, 'schema')}`);
    if (!validate) return [`no schema at ${at}`];
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map((e) => `${res.status} body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }

  return { check };
}
