import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/**
 * The grammars in syntaxes/, run by vscode-textmate with VS Code's regex
 * engine (oniguruma): the dotenv language, and the injection that highlights
 * SuiteScript JSDoc tags inside JS/TS doc comments.
 */

const ROOT = path.resolve(__dirname, '../..');
const SYNTAXES = path.join(ROOT, 'syntaxes');

/**
 * A stand-in for VS Code's JavaScript grammar: doc comments have the scope the
 * real one gives them (`comment.block.documentation.js`) and a catch-all JSDoc
 * tag rule, as the real one has, that the injection must win over.
 */
const JS_STUB = {
  scopeName: 'source.js',
  patterns: [
    { name: 'comment.block.documentation.js', begin: '/\\*\\*(?!/)', end: '\\*/', patterns: [{ name: 'storage.type.class.jsdoc', match: '(@)[A-Za-z]+' }] },
    { name: 'comment.block.js', begin: '/\\*', end: '\\*/' },
    { name: 'comment.line.double-slash.js', match: '//.*$' },
    { name: 'string.quoted.single.js', match: "'[^']*'" },
  ],
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'source.js') return vsctm.parseRawGrammar(JSON.stringify(JS_STUB), 'stub.json');
      const file = { 'source.dotenv': 'dotenv.tmLanguage.json', 'suitescript.jsdoc.injection': 'suitescript-jsdoc.injection.tmLanguage.json' }[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(path.join(SYNTAXES, file), 'utf8'), path.join(SYNTAXES, file)) : null;
    },
    getInjections: (scopeName: string) => (scopeName === 'source.js' ? ['suitescript.jsdoc.injection'] : undefined),
  });
});

/** Each token of each line as `text` → its innermost scopes (without the root scope). */
async function tokens(scopeName: string, text: string): Promise<[string, string][][]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]);
  });
}

const scopeOf = (lines: [string, string][][], text: string) => lines.flat().find(([t]) => t === text)?.[1];

describe('grammars in syntaxes/', () => {
  it('the manifest points at grammar files that exist, with the scope names they declare', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8'));
      assert.equal(grammar.scopeName, g.scopeName);
    }
    for (const l of manifest.contributes.languages) assert.ok(fs.existsSync(path.join(ROOT, l.configuration)), l.configuration);
  });

  describe('dotenv', () => {
    it('tokenizes comments, export, keys, quoted and unquoted values and interpolation', async () => {
      const lines = await tokens(
        'source.dotenv',
        ['# NetSuite', 'export NS_ACCOUNT=1234567_SB1', 'NS_CLIENT_ID="abc\\n${NS_ACCOUNT}"', "NS_LITERAL='${not}'", 'NS_URL=https://x.example # the host', 'NS_EMPTY=', 'not a pair'].join('\n'),
      );
      assert.deepEqual(lines[0], [
        ['#', 'comment.line.number-sign.dotenv punctuation.definition.comment.dotenv'],
        [' NetSuite', 'comment.line.number-sign.dotenv'],
      ]);
      assert.deepEqual(lines[1], [
        ['export', 'storage.modifier.export.dotenv'],
        [' ', ''],
        ['NS_ACCOUNT', 'variable.other.env.dotenv'],
        ['=', 'keyword.operator.assignment.dotenv'],
        ['1234567_SB1', 'string.unquoted.value.dotenv'],
      ]);
      assert.deepEqual(lines[2], [
        ['NS_CLIENT_ID', 'variable.other.env.dotenv'],
        ['=', 'keyword.operator.assignment.dotenv'],
        ['"', 'string.quoted.double.dotenv punctuation.definition.string.begin.dotenv'],
        ['abc', 'string.quoted.double.dotenv'],
        ['\\n', 'string.quoted.double.dotenv constant.character.escape.dotenv'],
        ['${', 'string.quoted.double.dotenv meta.interpolation.dotenv punctuation.definition.template-expression.begin.dotenv'],
        ['NS_ACCOUNT', 'string.quoted.double.dotenv meta.interpolation.dotenv variable.other.env.dotenv'],
        ['}', 'string.quoted.double.dotenv meta.interpolation.dotenv punctuation.definition.template-expression.end.dotenv'],
        ['"', 'string.quoted.double.dotenv punctuation.definition.string.end.dotenv'],
      ]);
      assert.deepEqual(lines[3].slice(2), [
        ["'", 'string.quoted.single.dotenv punctuation.definition.string.begin.dotenv'],
        ['${not}', 'string.quoted.single.dotenv'],
        ["'", 'string.quoted.single.dotenv punctuation.definition.string.end.dotenv'],
      ]);
      assert.deepEqual(lines[4].slice(2), [
        ['https://x.example', 'string.unquoted.value.dotenv'],
        [' ', ''],
        ['#', 'comment.line.number-sign.dotenv punctuation.definition.comment.dotenv'],
        [' the host', 'comment.line.number-sign.dotenv'],
      ]);
      assert.deepEqual(lines[5], [
        ['NS_EMPTY', 'variable.other.env.dotenv'],
        ['=', 'keyword.operator.assignment.dotenv'],
      ]);
      assert.deepEqual(lines[6], [['not a pair', 'invalid.illegal.line.dotenv']]);
    });
  });

  describe('SuiteScript JSDoc tags (injection into JS/TS)', () => {
    it('highlights @NApiVersion, @NScriptType, @NModuleScope and their values in a doc comment', async () => {
      const lines = await tokens('source.js', ['/**', ' * @NApiVersion 2.1', ' * @NScriptType Suitelet', ' * @NModuleScope SameAccount', ' * @param {string} x', ' */'].join('\n'));
      assert.deepEqual(lines[1], [
        [' * ', 'comment.block.documentation.js'],
        ['@', 'comment.block.documentation.js meta.tag.suitescript.jsdoc storage.type.class.jsdoc punctuation.definition.block.tag.jsdoc'],
        ['NApiVersion', 'comment.block.documentation.js meta.tag.suitescript.jsdoc keyword.other.suitescript.jsdoc storage.type.class.jsdoc'],
        [' ', 'comment.block.documentation.js meta.tag.suitescript.jsdoc'],
        ['2.1', 'comment.block.documentation.js meta.tag.suitescript.jsdoc constant.other.suitescript.jsdoc entity.name.type.instance.jsdoc'],
      ]);
      assert.equal(scopeOf(lines, 'Suitelet'), 'comment.block.documentation.js meta.tag.suitescript.jsdoc constant.other.suitescript.jsdoc entity.name.type.instance.jsdoc');
      assert.equal(scopeOf(lines, 'SameAccount'), 'comment.block.documentation.js meta.tag.suitescript.jsdoc constant.other.suitescript.jsdoc entity.name.type.instance.jsdoc');
      assert.equal(scopeOf(lines, '@param'), 'comment.block.documentation.js storage.type.class.jsdoc', 'other tags keep the base grammar');
    });

    it('leaves plain comments, strings and code alone', async () => {
      const lines = await tokens('source.js', ["/* @NApiVersion 2.1 */", "// @NScriptType Suitelet", "var s = '@NModuleScope Public';"].join('\n'));
      assert.deepEqual(lines[0], [
        ['/*', 'comment.block.js'],
        [' @NApiVersion 2.1 ', 'comment.block.js'],
        ['*/', 'comment.block.js'],
      ]);
      assert.deepEqual(lines[1], [['// @NScriptType Suitelet', 'comment.line.double-slash.js']]);
      assert.equal(scopeOf(lines, "'@NModuleScope Public'"), 'string.quoted.single.js');
      assert.ok(lines.flat().every(([, scope]) => !scope.includes('suitescript')));
    });

    it('is injected into JavaScript, JSX, TypeScript and TSX', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const injection = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'suitescript.jsdoc.injection');
      assert.deepEqual(injection.injectTo, ['source.js', 'source.js.jsx', 'source.ts', 'source.tsx']);
      const grammar = JSON.parse(fs.readFileSync(path.join(SYNTAXES, 'suitescript-jsdoc.injection.tmLanguage.json'), 'utf8'));
      assert.equal(grammar.injectionSelector, 'L:comment.block.documentation');
    });
  });
});
