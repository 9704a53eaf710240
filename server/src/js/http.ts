import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap, type Node } from './ast';
import type { JsFile, ResolvedCall } from './jsFile';
import { HOLE } from './evaluate';

export type HttpApi = 'suitescript1' | 'suitescript2' | 'fetch' | 'axios' | 'got' | 'request' | 'superagent' | 'node-http';

/** An outgoing HTTP request found in code, with the expressions that carry its URL and headers. */
export interface HttpRequest {
  call: ResolvedCall;
  api: HttpApi;
  /** Upper-case HTTP method when it is known. */
  method?: string;
  url?: Node;
  /** The options object (SuiteScript 2.x, axios config, fetch init …). */
  options?: Node;
  /** The headers object. */
  headers?: Node;
  /** `.set('Authorization', value)` on a superagent chain. */
  setHeaders?: { name: string; value: Node; call: TSESTree.CallExpression }[];
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'del']);
const AXIOS_BODY_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function methodName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (name === 'del') return 'DELETE';
  return METHODS.has(name) ? name.toUpperCase() : undefined;
}

/** Every HTTP request the file makes through the APIs SuiteAuth knows. */
export function httpRequests(js: JsFile): HttpRequest[] {
  const cached = requestCache.get(js);
  if (cached) return cached;
  const out: HttpRequest[] = [];
  const ev = js.evaluator;
  const headersOf = (options: Node | undefined): Node | undefined => (options ? ev.property(options, 'headers')?.value : undefined);
  for (const rc of js.calls()) {
    const args = rc.call.arguments as Node[];
    const [a0, a1, a2] = args;
    const path = rc.path;
    const last = path[path.length - 1];
    const head = path[0];
    // SuiteScript 1.0
    if (!rc.module && path.length === 1 && head === 'nlapiRequestURL') {
      const method = a3String(js, args[3]);
      out.push({ call: rc, api: 'suitescript1', url: a0, headers: a2, method: method ?? (a1 ? 'POST' : 'GET') });
      continue;
    }
    // SuiteScript 2.x N/https and N/http, including `.promise` variants
    if (rc.module === 'N/https' || rc.module === 'N/http') {
      const name = path[0];
      if (path.length >= 1 && (METHODS.has(name) || name === 'request') && (path.length === 1 || path[1] === 'promise')) {
        const method = name === 'request' ? methodFromOptions(js, a0) : methodName(name);
        out.push({ call: rc, api: 'suitescript2', options: a0, url: a0 ? ev.property(a0, 'url')?.value : undefined, headers: headersOf(a0), method });
      }
      continue;
    }
    if (!rc.module && path.length === 1 && (head === 'fetch' || head === 'Request') ) {
      out.push({ call: rc, api: 'fetch', url: a0, options: a1, headers: headersOf(a1), method: methodFromOptions(js, a1) ?? 'GET' });
      continue;
    }
    if (rc.module === 'node-fetch' || rc.module === 'undici' || rc.module === 'cross-fetch' || rc.module === 'isomorphic-fetch') {
      if (path.length === 0 || last === 'fetch' || last === 'request') {
        out.push({ call: rc, api: 'fetch', url: a0, options: a1, headers: headersOf(a1), method: methodFromOptions(js, a1) ?? 'GET' });
      }
      continue;
    }
    if (rc.module === 'axios') {
      if (path.length === 0 || last === 'request' || (path.length === 1 && last === 'create')) {
        // axios(config) | axios(url, config) | axios.request(config) | axios.create(defaults)
        const config = a0 && unwrap(ev.resolve(a0)).type === 'ObjectExpression' ? a0 : a1;
        out.push({ call: rc, api: 'axios', options: config, url: config === a0 ? (config ? ev.property(config, 'url')?.value : undefined) : a0, headers: headersOf(config), method: methodFromOptions(js, config) });
      } else if (METHODS.has(last) || AXIOS_BODY_METHODS.has(last)) {
        const config = AXIOS_BODY_METHODS.has(last) ? a2 : a1;
        out.push({ call: rc, api: 'axios', url: a0, options: config, headers: headersOf(config), method: methodName(last.replace(/Form$/, '')) });
      }
      continue;
    }
    if (rc.module === 'got') {
      if (path.length === 0 || METHODS.has(last) || last === 'extend') {
        const opts = a0 && unwrap(ev.resolve(a0)).type === 'ObjectExpression' ? a0 : a1;
        out.push({ call: rc, api: 'got', url: opts === a0 ? undefined : a0, options: opts, headers: headersOf(opts), method: methodName(last) ?? methodFromOptions(js, opts) });
      }
      continue;
    }
    if (rc.module === 'request' || rc.module === 'request-promise' || rc.module === 'request-promise-native') {
      if (path.length === 0 || METHODS.has(last)) {
        const opts = a0 && unwrap(ev.resolve(a0)).type === 'ObjectExpression' ? a0 : a1;
        out.push({ call: rc, api: 'request', url: opts === a0 ? (opts ? (ev.property(opts, 'url') ?? ev.property(opts, 'uri'))?.value : undefined) : a0, options: opts, headers: headersOf(opts), method: methodName(last) ?? methodFromOptions(js, opts) });
      }
      continue;
    }
    if (rc.module === 'https' || rc.module === 'http' || rc.module === 'node:https' || rc.module === 'node:http') {
      if (last === 'request' || last === 'get') {
        const opts = a0 && unwrap(ev.resolve(a0)).type === 'ObjectExpression' ? a0 : a1;
        out.push({ call: rc, api: 'node-http', url: opts === a0 ? undefined : a0, options: opts, headers: headersOf(opts), method: last === 'get' ? 'GET' : methodFromOptions(js, opts) });
      }
      continue;
    }
    if (rc.module === 'superagent' && (path.length === 0 || METHODS.has(last))) {
      out.push({ call: rc, api: 'superagent', url: path.length === 0 ? a1 : a0, method: methodName(last), setHeaders: superagentHeaders(js, rc.call) });
      continue;
    }
  }
  requestCache.set(js, out);
  return out;
}

const requestCache = new WeakMap<JsFile, HttpRequest[]>();

function a3String(js: JsFile, node: Node | undefined): string | undefined {
  return node ? js.evaluator.constantString(node)?.toUpperCase() : undefined;
}

function methodFromOptions(js: JsFile, options: Node | undefined): string | undefined {
  if (!options) return undefined;
  const entry = js.evaluator.property(options, 'method');
  if (!entry) return undefined;
  const value = unwrap(entry.value);
  // SuiteScript: https.Method.POST
  if (value.type === 'MemberExpression') return memberName(value)?.toUpperCase();
  const s = js.evaluator.stringOf(value);
  return s.includes(HOLE) ? undefined : s.toUpperCase();
}

/** `.set('Authorization', v)` and `.set({ Authorization: v })` along a superagent chain. */
function superagentHeaders(js: JsFile, call: TSESTree.CallExpression | TSESTree.NewExpression): HttpRequest['setHeaders'] {
  const out: NonNullable<HttpRequest['setHeaders']> = [];
  let node: Node = call;
  while (node.parent && node.parent.type === 'MemberExpression' && node.parent.object === node && node.parent.parent?.type === 'CallExpression') {
    const chained: TSESTree.CallExpression = node.parent.parent;
    if (memberName(node.parent) === 'set') {
      const [k, v] = chained.arguments as Node[];
      const name = k ? js.evaluator.constantString(k) : undefined;
      if (name !== undefined && v) out.push({ name, value: v, call: chained });
      else if (k && !v) for (const e of js.evaluator.properties(k) ?? []) out.push({ name: e.name, value: e.value, call: chained });
    }
    node = chained;
  }
  return out;
}

/** The expression that gives the request's Authorization header, if it sets one. */
export function authorizationHeader(js: JsFile, request: HttpRequest): { value: Node; entry?: ReturnType<JsFile['evaluator']['property']> } | undefined {
  for (const set of request.setHeaders ?? []) if (set.name.toLowerCase() === 'authorization') return { value: set.value };
  if (!request.headers) return undefined;
  const entry = js.evaluator.property(request.headers, 'authorization', true);
  if (entry) return { value: entry.value, entry };
  // new Headers({ Authorization: … })
  const resolved = unwrap(js.evaluator.resolve(request.headers));
  if (resolved.type === 'NewExpression' && resolved.arguments[0]) {
    const inner = js.evaluator.property(resolved.arguments[0], 'authorization', true);
    if (inner) return { value: inner.value, entry: inner };
  }
  return undefined;
}
