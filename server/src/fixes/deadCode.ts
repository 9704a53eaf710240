import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from '../core/text';
import { calleePath, contains, memberName, propertyName, unwrap, type Node } from '../js/ast';
import type { JsFile } from '../js/jsFile';
import type { Binding } from '../js/scope';
import { removeListItems, removeStatement } from './edits';

/** Names that say a declaration served the old signing code. */
const SIGNING_NAME = /nonce|timestamp|signature|sig|base|oauth|hmac|sign|realm|header|auth|param|consumer|token|secret|crypto|percent|encode|normali[sz]e/i;

/** Modules whose loading has no effect beyond giving a value: an unused import of them can go. */
const PURE_MODULES = /^(?:node:)?crypto$|^oauth-1\.0a$|^oauth$|^oauth-sign$|^oauth-signature$|^crypto-js(?:\/.*)?$|^jssha$|^uuid$|^nanoid$|^(?:node:)?querystring$|^hmacsha1$|^hmac-sha1$/i;

/** Functions and methods that compute a value and do nothing else. */
const PURE_GLOBALS = /^(?:nlapi(?:Encrypt|GetContext|DateToString|StringToDate|GetUser|GetRole|ResolveURL)|Date\.now|Math\.\w+|String|Number|Boolean|parseInt|parseFloat|encodeURIComponent|encodeURI|decodeURIComponent|escape|JSON\.stringify|JSON\.parse|Object\.(?:keys|values|entries|assign|fromEntries|freeze)|Array\.(?:from|isArray)|Buffer\.(?:from|byteLength)|require|uuid\w*|v4|nanoid|randomBytes|randomUUID|randomInt|createHmac|createHash|createSecretKey|Date|URL|URLSearchParams|Array|Object)$/;
const PURE_METHODS = new Set([
  'toString', 'toUpperCase', 'toLowerCase', 'trim', 'replace', 'replaceAll', 'split', 'join', 'map', 'filter', 'sort', 'slice', 'substring', 'substr',
  'concat', 'reduce', 'padStart', 'padEnd', 'update', 'digest', 'toFixed', 'getTime', 'valueOf', 'charCodeAt', 'charAt', 'indexOf', 'keys', 'entries',
  'values', 'round', 'floor', 'random', 'getParameter', 'getCurrentScript', 'createHmac', 'createHash', 'createSecretKey', 'randomBytes', 'randomUUID',
  'convert', 'stringify', 'parse', 'getHMAC', 'getHash', 'setHMACKey', 'HmacSHA1', 'HmacSHA256', 'toISOString', 'localeCompare', 'sign', 'authorize', 'toHeader',
  'getSetting', 'resolveScript', 'resolveRecord', 'resolveDomain',
]);
/** Objects whose methods compute values: `crypto.*`, `CryptoJS.*`, `encode.*` (N/encode), `runtime.*` (N/runtime reads). */
const PURE_OBJECTS = /^(?:crypto|CryptoJS|encode|runtime|Math|JSON|Object|Buffer|querystring|qs|uuid|OAuth)$/;

/**
 * The code a migration leaves unused once `replaced` nodes are gone,
 * followed transitively (the signature, then the base string, the nonce and
 * the timestamp it was built from, the functions that computed them, the
 * imports they needed). Removed are:
 * - `const`/`let`/`var` declarations whose value is only computed (no
 *   `await`, assignment or call that may do more), with the statements that
 *   only built them (`params.oauth_signature = …`, `parts.push(…)`, `h += …`);
 * - function declarations and private class members nobody else calls;
 * - imports and requires of side-effect-free modules (`crypto`, `oauth-1.0a`, `crypto-js`).
 * Exported and public code stays: other files may use it.
 */
export function deadSigningDeclarations(js: JsFile, replaced: readonly Node[]): TextEdit[] {
  return new DeadCode(js, replaced).edits();
}

class DeadCode {
  private readonly removed: Node[];
  private readonly statements: Node[] = [];
  private readonly extraEdits: TextEdit[] = [];

  constructor(
    private readonly js: JsFile,
    replaced: readonly Node[],
  ) {
    this.removed = [...replaced];
  }

  edits(): TextEdit[] {
    for (let changed = true; changed; ) {
      changed = false;
      for (const declaration of this.js.index.of('VariableDeclaration')) if (this.tryDeclaration(declaration)) changed = true;
      for (const fn of this.js.index.of('FunctionDeclaration')) if (this.tryFunction(fn)) changed = true;
      for (const member of [...this.js.index.of('MethodDefinition'), ...this.js.index.of('PropertyDefinition')]) if (this.tryPrivateMember(member)) changed = true;
    }
    // Module loads are leaves: once nothing else can die, the ones left unused go.
    for (const declaration of this.js.index.of('VariableDeclaration')) this.tryRequirePattern(declaration);
    for (const imp of this.js.index.of('ImportDeclaration')) this.tryImport(imp);
    for (const imp of this.js.index.of('TSImportEqualsDeclaration')) this.tryImportEquals(imp);
    for (const call of this.js.index.of('CallExpression')) this.tryDefineDependencies(call);
    const edits = this.statements.map((s) => removeStatement(this.js.text, s));
    return [...edits, ...this.extraEdits].sort((a, b) => a.range.start - b.range.start);
  }

  private isRemoved(node: Node): boolean {
    return this.removed.some((r) => contains(r, node));
  }

  private remove(statement: Node, extra: readonly Node[] = []): void {
    this.statements.push(statement);
    this.removed.push(statement, ...extra);
  }

  private usesOf(binding: Binding): TSESTree.Identifier[] {
    return bindingReferences(this.js, binding);
  }

  /**
   * Statements that exist only to build the binding's value, removable with
   * it: `x.a = pure;`, `x.push(pure);`, `x += pure;`. Undefined when a use is
   * anything else (the value is still needed).
   */
  private builders(binding: Binding): Node[] | undefined {
    const live = this.usesOf(binding).filter((u) => !this.isRemoved(u));
    const out: TSESTree.ExpressionStatement[] = [];
    for (const use of live) {
      const statement = builderStatement(use);
      if (statement && !out.includes(statement)) out.push(statement);
    }
    // Every other use must be part of a builder (`params.oauth_signature = sign(params)`).
    if (live.some((u) => !out.some((s) => contains(s, u)))) return undefined;
    for (const statement of out) {
      if (!this.isStatementRemovable(statement)) return undefined;
      const expression = statement.expression;
      const values = expression.type === 'AssignmentExpression' ? [expression.right] : expression.type === 'CallExpression' ? expression.arguments : [expression];
      if (!values.every((v) => this.isPure(v, true))) return undefined;
    }
    return out;
  }

  private isStatementRemovable(statement: Node): boolean {
    const parent = statement.parent;
    return !!parent && (parent.type === 'BlockStatement' || parent.type === 'Program') && !this.statements.includes(statement) && !this.isRemoved(statement);
  }

  private tryDeclaration(declaration: TSESTree.VariableDeclaration): boolean {
    if (!this.isStatementRemovable(declaration) || declaration.declarations.length !== 1) return false;
    if (declaration.parent?.parent?.type === 'ExportNamedDeclaration' || declaration.parent?.type === 'ExportNamedDeclaration') return false;
    const declarator = declaration.declarations[0];
    if (!declarator.init) return false;
    const init = unwrap(declarator.init);
    if (declarator.id.type !== 'Identifier') return false;
    const binding = this.js.scopes.resolve(declarator.id);
    if (!binding || binding.id !== declarator.id) return false;
    const uses = this.usesOf(binding);
    if (uses.length === 0) return false; // unused before the migration: not ours to remove
    if (uses.every((u) => !this.isRemoved(u))) return false;
    const required = requiredModule(init);
    if (required !== undefined) {
      if (!PURE_MODULES.test(required) || uses.some((u) => !this.isRemoved(u))) return false;
      this.remove(declaration);
      return true;
    }
    if (!this.isPure(init, SIGNING_NAME.test(declarator.id.name))) return false;
    const builders = this.builders(binding);
    if (!builders) return false;
    this.remove(declaration);
    for (const b of builders) this.remove(b);
    return true;
  }

  /** `const { createHmac, randomBytes } = require('crypto')`: unused names go, and the statement when none is left. */
  private tryRequirePattern(declaration: TSESTree.VariableDeclaration): boolean {
    if (!this.isStatementRemovable(declaration) || declaration.declarations.length !== 1) return false;
    const { id: pattern, init } = declaration.declarations[0];
    if (pattern.type !== 'ObjectPattern' || !init) return false;
    const module = requiredModule(init);
    if (module === undefined || !PURE_MODULES.test(module)) return false;
    const props = pattern.properties;
    const dead = props.filter((p) => {
      if (p.type !== 'Property') return false;
      const local = unwrap(p.value.type === 'AssignmentPattern' ? p.value.left : p.value);
      if (local.type !== 'Identifier') return false;
      const binding = this.js.scopes.resolve(local);
      if (!binding) return false;
      const uses = this.usesOf(binding);
      return uses.length > 0 && uses.every((u) => this.isRemoved(u));
    });
    if (dead.length === 0 || dead.some((p) => this.removed.includes(p))) return false;
    if (dead.length === props.length) {
      this.remove(declaration);
      return true;
    }
    this.extraEdits.push(...removeListItems(this.js.text, dead, props));
    this.removed.push(...dead);
    return true;
  }

  private tryFunction(fn: TSESTree.FunctionDeclaration): boolean {
    if (!fn.id || !this.isStatementRemovable(fn)) return false;
    const binding = this.js.scopes.resolve(fn.id);
    if (!binding || binding.id !== fn.id) return false;
    const uses = this.usesOf(binding);
    if (uses.length === 0 || uses.some((u) => !this.isRemoved(u) && !contains(fn, u))) return false;
    if (!uses.some((u) => this.isRemoved(u))) return false;
    this.remove(fn);
    return true;
  }

  private tryPrivateMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
    if (this.statements.includes(member) || this.isRemoved(member) || member.parent?.type !== 'ClassBody') return false;
    const isPrivate = member.accessibility === 'private' || member.key.type === 'PrivateIdentifier';
    if (!isPrivate || member.static || (member.type === 'MethodDefinition' && member.kind !== 'method')) return false;
    const name = member.key.type === 'PrivateIdentifier' ? member.key.name : propertyName(member.key, member.computed);
    if (name === undefined) return false;
    if (member.type === 'PropertyDefinition' && member.value && !this.isPure(member.value)) return false;
    const classBody = member.parent;
    const uses = this.js.index.of('MemberExpression').filter((m) => contains(classBody, m) && unwrap(m.object).type === 'ThisExpression' && (m.property.type === 'PrivateIdentifier' ? m.property.name : memberName(m)) === name);
    // `this.token = { … };` in the constructor only sets the field: it goes with it.
    const writes = uses
      .filter((u) => !this.isRemoved(u))
      .map((u) => u.parent)
      .filter((a): a is TSESTree.AssignmentExpression => a?.type === 'AssignmentExpression' && a.operator === '=' && a.parent?.type === 'ExpressionStatement' && this.isStatementRemovable(a.parent) && this.isPure(a.right, true));
    const reads = uses.filter((u) => !writes.some((w) => w.left === u));
    if (reads.length === 0 || reads.some((u) => !this.isRemoved(u) && !contains(member, u))) return false;
    if (!reads.some((u) => this.isRemoved(u))) return false;
    this.statements.push(member);
    this.removed.push(member);
    for (const w of writes) this.remove(w.parent!);
    return true;
  }

  private tryImport(imp: TSESTree.ImportDeclaration): boolean {
    if (this.isRemoved(imp) || !PURE_MODULES.test(imp.source.value) || imp.specifiers.length === 0) return false;
    const dead = imp.specifiers.filter((spec) => {
      const binding = this.js.scopes.resolve(spec.local);
      if (!binding || this.removed.includes(spec)) return false;
      const uses = this.usesOf(binding);
      return uses.length > 0 && uses.every((u) => this.isRemoved(u));
    });
    if (dead.length === 0) return false;
    if (dead.length === imp.specifiers.length) {
      this.remove(imp);
      return true;
    }
    const named = imp.specifiers.filter((s) => s.type === 'ImportSpecifier');
    if (dead.some((s) => s.type !== 'ImportSpecifier')) return false;
    if (named.length === dead.length) return false; // `import def, { a } from …` with every named one dead: leave it
    this.extraEdits.push(...removeListItems(this.js.text, dead, named));
    this.removed.push(...dead);
    return true;
  }

  /**
   * SuiteScript `define(['N/https', 'N/crypto', './lib/oauth-1.0a'], (https, crypto, OAuth) => …)`:
   * a module whose parameter is no longer used leaves both lists (N/ modules
   * and signing libraries only: loading them does nothing else).
   */
  private tryDefineDependencies(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier' || (callee.name !== 'define' && callee.name !== 'require')) return false;
    const deps = call.arguments.find((a): a is TSESTree.ArrayExpression => a.type === 'ArrayExpression');
    const factory = call.arguments.find((a): a is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
    if (!deps || !factory || deps.elements.some((e) => !e || e.type !== 'Literal')) return false;
    const elements = deps.elements as TSESTree.Literal[];
    const deadParams: Node[] = [];
    const deadDeps: Node[] = [];
    factory.params.forEach((param, i) => {
      const dep = elements[i];
      if (param.type !== 'Identifier' || !dep || typeof dep.value !== 'string' || !/^N\/|oauth|crypto|hmac|sha|enc-base64/i.test(dep.value)) return;
      const binding = this.js.scopes.resolve(param);
      if (!binding || binding.id !== param) return;
      const uses = this.usesOf(binding);
      if (uses.length > 0 && uses.every((u) => this.isRemoved(u))) {
        deadParams.push(param);
        deadDeps.push(dep);
      }
    });
    if (deadParams.length === 0) return false;
    this.extraEdits.push(...removeListItems(this.js.text, deadDeps, elements), ...removeListItems(this.js.text, deadParams, factory.params));
    this.removed.push(...deadParams, ...deadDeps);
    return true;
  }

  /** `import crypto = require('crypto')` (TypeScript): the scopes do not bind it, so its uses are found by name. */
  private tryImportEquals(imp: TSESTree.TSImportEqualsDeclaration): boolean {
    if (!this.isStatementRemovable(imp)) return false;
    const ref = imp.moduleReference;
    if (ref.type !== 'TSExternalModuleReference' || ref.expression.type !== 'Literal' || typeof ref.expression.value !== 'string' || !PURE_MODULES.test(ref.expression.value)) return false;
    const name = imp.id.name;
    const uses = this.js.index.of('Identifier').filter((id) => id !== imp.id && id.name === name && isReference(id) && !this.js.scopes.resolve(id));
    if (uses.length === 0 || uses.some((u) => !this.isRemoved(u))) return false;
    this.remove(imp);
    return true;
  }

  /**
   * The expression only computes a value: no `await`, assignment or update,
   * and only calls of functions known to compute values (string, crypto and
   * array methods, signing helpers of the file). Function bodies do not run
   * when the value is created, so they do not count. `loose` also accepts
   * calls of the file's own signing-named functions.
   */
  private isPure(node: Node, loose = false): boolean {
    let pure = true;
    const visit = (n: Node) => {
      if (!pure) return;
      switch (n.type) {
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
        case 'FunctionDeclaration':
          return;
        case 'AwaitExpression':
        case 'YieldExpression':
        case 'UpdateExpression':
          pure = false;
          return;
        case 'AssignmentExpression':
          pure = false;
          return;
        case 'UnaryExpression':
          if (n.operator === 'delete') pure = false;
          break;
        case 'CallExpression':
        case 'NewExpression':
          if (!this.isPureCall(n, loose)) pure = false;
          break;
        default:
          break;
      }
      for (const key of Object.keys(n)) {
        if (key === 'parent') continue;
        const child = (n as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const c of child) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') visit(c as Node);
        } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') visit(child as Node);
      }
    };
    visit(node);
    return pure;
  }

  private isPureCall(call: TSESTree.CallExpression | TSESTree.NewExpression, loose: boolean): boolean {
    const callee = unwrap(call.callee);
    const path = calleePath(callee);
    if (path && PURE_GLOBALS.test(path.join('.'))) return true;
    if (path && path.length > 1 && PURE_OBJECTS.test(path[0])) return true;
    if (callee.type === 'MemberExpression') {
      const name = callee.property.type === 'PrivateIdentifier' ? callee.property.name : memberName(callee);
      if (name && PURE_METHODS.has(name)) return true;
      if (name && unwrap(callee.object).type === 'ThisExpression' && (loose || SIGNING_NAME.test(name))) return true;
      return false;
    }
    // A signing helper of the file (`nonce()`, `sign(base, key)`), or a function this migration removes.
    if (callee.type === 'Identifier') {
      const binding = this.js.scopes.resolve(callee);
      if (binding && (binding.kind === 'function' || binding.declarator) && (SIGNING_NAME.test(callee.name) || loose)) return true;
      if (binding && binding.kind === 'import') return true;
    }
    return false;
  }
}

/**
 * The identifiers that read or write a binding: not property names
 * (`o.name`, `{ name: v }`), class member names, import/export names or
 * type-member keys that merely share its name.
 */
export function bindingReferences(js: JsFile, binding: Binding): TSESTree.Identifier[] {
  return js.index.of('Identifier').filter((id) => id !== binding.id && id.name === binding.name && isReference(id) && js.scopes.resolve(id) === binding);
}

function isReference(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === id || parent.computed;
    case 'Property':
      return parent.value === id || parent.computed;
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSAbstractMethodDefinition':
    case 'TSAbstractPropertyDefinition':
      return parent.key !== id || parent.computed;
    case 'ImportSpecifier':
      return parent.local === id;
    case 'ExportSpecifier':
      return parent.local === id;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'TSQualifiedName':
      return parent.type === 'TSQualifiedName' ? parent.left === id : false;
    default:
      return true;
  }
}

/** `require('m')`, `require('m').x`: the module name. */
function requiredModule(init: Node): string | undefined {
  let n = unwrap(init);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal' && typeof n.arguments[0].value === 'string') {
    return n.arguments[0].value;
  }
  return undefined;
}

/** Methods that only add to the value they are called on: `parts.push(…)`, `hmac.update(…)`, `params.append(…)`. */
const BUILDER_METHODS = new Set(['push', 'unshift', 'update', 'setHMACKey', 'append', 'set']);

/** The statement `use.x = …;`, `use[k] = …;`, `use.push(…);`, `use.update(…);` or `use += …;` that `use` is the target of. */
function builderStatement(use: TSESTree.Identifier): TSESTree.ExpressionStatement | undefined {
  const parent = use.parent;
  if (!parent) return undefined;
  // use += …  /  use = use + …
  if (parent.type === 'AssignmentExpression' && parent.left === use && parent.parent?.type === 'ExpressionStatement') return parent.parent;
  if (parent.type === 'MemberExpression' && parent.object === use) {
    const outer = parent.parent;
    if (outer?.type === 'AssignmentExpression' && outer.left === parent && outer.parent?.type === 'ExpressionStatement') return outer.parent;
    if (outer?.type === 'CallExpression' && outer.callee === parent && BUILDER_METHODS.has(memberName(parent) ?? '') && outer.parent?.type === 'ExpressionStatement') return outer.parent;
  }
  return undefined;
}
