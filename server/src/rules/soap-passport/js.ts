import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { memberName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { ID, elementMessage, guideFixes, hover, libraryMessage, objectMessage } from './messages';
import { enclosingCallName, localKeys, moduleCall, objectElements, roleOfObject } from './objects';
import { elementContent, hasSoapContext, isLoginPassport, jsSegments, openTags, roleInXml, valueElements } from './soapText';

export { ID };

/** Methods of a SuiteTalk client that take `(email, password, account, role, …)`. */
const POSITIONAL_LOGIN = /^(?:init|login|connect|authenticate)$/;

/** Calls that put their object argument into a SOAP header or a login request. */
const SOAP_CALLS = /^(?:addSoapHeader|setSoapHeader|addHeader|login|loginAsync)$/;

/**
 * NetSuite SOAP client libraries that log in with a passport when they are
 * given an email (or user name) and password. The finding goes on the object
 * that holds the credentials.
 */
const LIBRARIES: readonly { module: RegExp; label: string }[] = [
  { module: /^node-suitetalk$/, label: 'node-suitetalk' },
  { module: /^suitetalk$/, label: 'suitetalk' },
  { module: /^netsuite$/, label: 'netsuite' },
  // `new nsutil.SuiteTalk().init(email, password, account, role)`: positional credentials.
  { module: /^netsuite-uploader-util$/, label: 'netsuite-uploader-util' },
  // Other SuiteTalk SOAP wrappers (`node-suitetalk-client`, `netsuite-js`, …); REST/RESTlet clients are other rules'.
  { module: /^(?!.*rest)(?:@[\w.-]+\/)?(?:[\w.-]*suitetalk[\w.-]*|netsuite-(?:js|soap|sdk|suitetalk))$/i, label: '' },
];

export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  const out: Finding[] = [];
  const taken = new Set<number>();
  const add = (range: OffsetRange, message: string, role: string | undefined) => {
    if (taken.has(range.start)) return;
    taken.add(range.start);
    out.push({ ruleId: ID, range, message, hover: hover(role) });
  };

  // 1. `<passport>` elements in strings and templates, any prefix.
  const verdicts = new Map<Node, { login: boolean; role?: string }>();
  for (const segment of jsSegments(js)) {
    if (segment.descriptive) continue;
    for (const match of openTags(segment, ['passport'], { leadingColon: segment.afterOpenBracketHole })) {
      const content = match.openIndex >= 0 ? elementContent(segment.text, match) : undefined;
      let verdict: { login: boolean; role?: string };
      if (content !== undefined) verdict = { login: isLoginPassport(content), role: roleInXml(content) };
      else {
        let cached = verdicts.get(segment.root);
        if (!cached) {
          const value = js.evaluator.stringOf(segment.root);
          const elements = valueElements(value, 'passport');
          cached = {
            login: elements.length === 0 || elements.some((e) => isLoginPassport(e.content)),
            role: elements.map((e) => roleInXml(e.content)).find((r) => r !== undefined),
          };
          verdicts.set(segment.root, cached);
        }
        verdict = cached;
      }
      if (verdict.login) add(match.range, elementMessage(verdict.role), verdict.role);
    }
  }

  // 2. The same element as a JS object: node-soap headers, xmlbuilder trees, `login({ passport })`.
  const context2 = hasSoapContext(js);
  for (const element of objectElements(js, ['passport'])) {
    let report: boolean;
    let role: string | undefined;
    if (element.how === 'builder') {
      report = context2;
    } else {
      const keys = localKeys(js, element.value);
      const credentials = !!keys && keys.has('password') && (keys.has('email') || keys.has('username') || keys.has('account'));
      const namespaced = element.prefix !== undefined;
      const soapCall = element.how === 'key' && SOAP_CALLS.test(enclosingCallName(element.container) ?? '');
      report = credentials || namespaced || soapCall;
      role = roleOfObject(js, element.value);
    }
    if (report) add(element.range, objectMessage(role), role);
  }

  // 3. SOAP client libraries configured with an email and password.
  for (const found of libraryCredentials(js)) add({ start: found.node.range[0], end: found.node.range[1] }, libraryMessage(found.library, found.role), found.role);

  return out.sort((a, b) => a.range.start - b.range.start);
}

interface LibraryCredentials {
  node: Node;
  library: string;
  role?: string;
}

function libraryCredentials(js: JsFile): LibraryCredentials[] {
  const out: LibraryCredentials[] = [];
  const seen = new Set<Node>();
  const libraryOf = (call: Node) => {
    const rc = js.calls().find((c) => c.call === call);
    const module = rc ? moduleCall(js, rc).module : undefined;
    const library = module ? LIBRARIES.find((l) => l.module.test(module)) : undefined;
    return library && module ? library.label || module : undefined;
  };
  for (const rc of js.calls()) {
    // A client made by a SuiteTalk library and logged in with positional credentials:
    // `const client = new nsutil.SuiteTalk(); client.init(email, password, account, role)`.
    const callee = unwrap(rc.call.callee);
    if (rc.call.type === 'CallExpression' && callee.type === 'MemberExpression' && POSITIONAL_LOGIN.test(memberName(callee) ?? '') && rc.call.arguments.length >= 2) {
      const instance = unwrap(js.evaluator.resolve(callee.object));
      const args = rc.call.arguments.map((a) => unwrap(js.evaluator.resolve(a)));
      if (instance.type === 'NewExpression' && !args.slice(0, 2).some((a) => a.type === 'ObjectExpression' || a.type === 'ArrayExpression')) {
        const library = libraryOf(instance);
        if (library && !seen.has(rc.call)) {
          seen.add(rc.call);
          const role = rc.call.arguments[3] ? js.evaluator.constantString(rc.call.arguments[3]) : undefined;
          out.push({ node: rc.call, library, role: role !== undefined && /^\d+$/.test(role) ? role : undefined });
          continue;
        }
      }
    }
    const { module } = moduleCall(js, rc);
    if (!module) continue;
    const library = LIBRARIES.find((l) => l.module.test(module));
    if (!library) continue;
    for (const arg of rc.call.arguments) {
      const settings = credentialObject(js, arg);
      if (!settings || seen.has(settings)) continue;
      seen.add(settings);
      out.push({ node: settings, library: library.label || module, role: roleOfObject(js, settings) });
    }
  }
  return out;
}

/** The object literal that holds an email/user name and a password: the argument itself or one of its object values. */
function credentialObject(js: JsFile, arg: Node): Node | undefined {
  const settings = unwrap(js.evaluator.resolve(arg));
  if (settings.type !== 'ObjectExpression') return undefined;
  if (hasCredentials(js, settings)) return settings;
  for (const entry of js.evaluator.properties(settings) ?? []) {
    const inner = unwrap(js.evaluator.resolve(entry.value));
    if (inner.type === 'ObjectExpression' && hasCredentials(js, inner)) return inner;
  }
  return undefined;
}

function hasCredentials(js: JsFile, object: Node): boolean {
  const keys = localKeys(js, object);
  if (!keys) return false;
  return (keys.has('password') || keys.has('pass')) && (keys.has('email') || keys.has('username') || keys.has('user'));
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
