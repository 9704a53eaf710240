import * as assert from 'node:assert/strict';
import { HOLE } from '../../server/src/js/evaluate';
import { JsFile } from '../../server/src/js/jsFile';
import { parseJs } from '../../server/src/js/parse';
import { stringRoots } from '../../server/src/js/strings';

/** Evaluates the initialiser of `const target = …` (the last declaration of that name). */
function valueOf(source: string, isTs = false): string {
  const js = new JsFile(source, parseJs(isTs ? 'x.ts' : 'x.js', source, isTs));
  const declarator = js.index.of('VariableDeclarator').filter((d) => d.id.type === 'Identifier' && d.id.name === 'target').pop();
  assert.ok(declarator?.init, 'no `const target = …` in the source');
  return js.evaluator.evaluate(declarator.init).value.replaceAll(HOLE, '?');
}

describe('evaluator', () => {
  it('joins literals, templates and concatenation, keeping unknown parts as holes', () => {
    assert.equal(valueOf("const target = 'a' + 1 + `b${x}c` + y;"), 'a1b?c?');
  });

  it('follows const, let and var bindings of the same file, with += appends', () => {
    assert.equal(valueOf("const host = 'h'; let p = '/a'; p += '/b'; var q = host + p; const target = q + '!';"), 'h/a/b!');
  });

  it('does not follow a binding shadowed in an inner scope', () => {
    assert.equal(valueOf("const v = 'outer'; function f(v) { const target = v; }"), '?');
  });

  it('reads object properties, spreads of constant objects and member assignments', () => {
    assert.equal(valueOf("const base = { a: 'x' }; const o = { ...base, b: 'y' }; o.c = 'z'; const target = o.a + o.b + o.c + o['b'];"), 'xyzy');
  });

  it('joins arrays, pushes and concat', () => {
    assert.equal(valueOf("const parts = ['a', 'b']; parts.push('c'); const target = parts.join(', ') + ''.concat('d', e);"), 'a, b, cd?');
  });

  it('passes through encodeURIComponent and String() of constants', () => {
    assert.equal(valueOf("const target = encodeURIComponent('a b') + String(7);"), 'a%20b7');
  });

  it('sees through TypeScript casts and non-null assertions', () => {
    assert.equal(valueOf("const a = 'k' as string; const target = a! + (<string>'v');", true), 'kv');
  });

  it('terminates on self-referencing bindings', () => {
    assert.equal(valueOf("let a = 'x'; a = a + a; const target = a;"), valueOf("let a = 'x'; a = a + a; const target = a;"));
  });
});

describe('string roots', () => {
  it('yields maximal string expressions once, not their parts', () => {
    const source = "const h = 'NLAuth ' + 'nlauth_account=' + acct; f(`x${'y'}`);";
    const js = new JsFile(source, parseJs('x.js', source, false));
    assert.deepEqual(stringRoots(js).map((r) => source.slice(r.range[0], r.range[1])), ["'NLAuth ' + 'nlauth_account=' + acct", "`x${'y'}`"]);
  });
});
