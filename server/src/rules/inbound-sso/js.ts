import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Fix, RuleContext } from '../../core/rule';
import type { OffsetRange } from '../../core/text';
import { memberName, unwrap, type Node } from '../../js/ast';
import type { JsFile } from '../../js/jsFile';
import { objectElements } from '../soap-passport/objects';
import { hasSoapClientContext, hasSoapContext, jsSegments, openTags } from '../soap-passport/soapText';
import { ID, guideFixes, hover, message, operationOf } from './messages';

export { ID };

const OPERATIONS = ['ssoLogin', 'mapSso'];
/** node-soap adds an `…Async` twin of every operation. */
const METHOD = /^(?:ssoLogin|mapSso)(?:Async)?$/;
const OPERATION_VALUE = /^\s*"?(ssoLogin|mapSso)"?\s*$/;

/**
 * Inbound SSO SOAP operations in code: `<ssoLogin>`/`<mapSso>` elements in
 * strings and templates, SOAP client method calls (`client.mapSso(…)`,
 * `client.ssoLoginAsync(…)`), and the operation named as a value
 * (`SOAPAction: 'ssoLogin'`, `client.invoke('mapSso', …)`). The file must
 * show NetSuite or SOAP context; `ssoLogin` is also a common name for an
 * application's own single sign-on, so a `….ssoLogin()` call needs SOAP
 * context (a SOAP client library, a NetSuite SOAP endpoint, WSDL or URN).
 */
export function checkJs(context: RuleContext): Finding[] {
  const js = context.js();
  if (!hasSoapContext(js)) return [];
  const out: Finding[] = [];
  const taken = new Set<number>();
  const add = (range: OffsetRange, name: string) => {
    if (taken.has(range.start)) return;
    taken.add(range.start);
    const operation = operationOf(name);
    out.push({ ruleId: ID, range, message: message(operation), hover: hover(operation) });
  };

  for (const segment of jsSegments(js)) {
    if (segment.descriptive) continue;
    for (const match of openTags(segment, OPERATIONS, { leadingColon: segment.afterOpenBracketHole })) add(match.range, match.local);
    if (segment.node.type === 'Literal') {
      const m = OPERATION_VALUE.exec(segment.text);
      if (m) {
        const at = segment.text.indexOf(m[1]);
        add({ start: segment.start + at, end: segment.start + at + m[1].length }, m[1]);
      }
    }
  }

  for (const member of js.index.of('MemberExpression')) {
    const name = memberName(member);
    if (!name || !METHOD.test(name)) continue;
    if (member.computed && member.property.type !== 'Literal') continue;
    if (isDefinitionOrCheck(member) || isOwnMethod(js, member, name)) continue;
    if (operationOf(name) === 'ssoLogin' && !hasSoapClientContext(js)) continue;
    const property = member.property;
    const range =
      property.type === 'Literal' ? { start: property.range[0] + 1, end: property.range[1] - 1 } : { start: property.range[0], end: property.range[1] };
    add(range, name);
  }

  for (const element of objectElements(js, OPERATIONS)) {
    if (element.how === 'key' && element.prefix === undefined && unwrap(element.value ?? element.container).type !== 'ObjectExpression') continue;
    if (element.how === 'assignment') continue;
    add(element.range, element.local);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** `Service.prototype.ssoLogin = …` defines; `typeof client.ssoLogin` checks. */
function isDefinitionOrCheck(member: TSESTree.MemberExpression): boolean {
  let parent = member.parent;
  while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) parent = parent.parent;
  if (parent?.type === 'AssignmentExpression' && parent.left === member) return true;
  if (parent?.type === 'UnaryExpression' && (parent.operator === 'typeof' || parent.operator === 'delete')) return true;
  return false;
}

/** `this.ssoLogin()` inside a class that defines `ssoLogin` calls the wrapper, whose body holds the SOAP call. */
function isOwnMethod(js: JsFile, member: TSESTree.MemberExpression, name: string): boolean {
  if (unwrap(member.object).type !== 'ThisExpression') return false;
  for (let n: Node | undefined = member.parent; n; n = n.parent) {
    if (n.type === 'ClassBody') {
      return n.body.some((m) => (m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') && m.key.type === 'Identifier' && m.key.name === name);
    }
  }
  void js;
  return false;
}

export function jsFixes(_finding: Finding, _context: RuleContext): Fix[] {
  return guideFixes();
}
