import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_RULES } from '../../server/src/rules';
import { FileContext } from '../../server/src/core/analyzer';
import { kindFromPath } from '../../server/src/core/document';
import { analyzer, applyEdits, documentFor, fixAllText, onlyRules, parseProblems } from '../helpers/analyze';
import { docExamples, fixturesOf } from '../helpers/ruleCatalog';

/**
 * Safety of every fix, for every rule, over its fixtures, its documented bad
 * examples and generated variants of them: the fixed file parses, the fix
 * clears the finding it fixes, and fix-all is idempotent.
 */

interface Variant {
  crlf: boolean;
  indent: 'keep' | 'four' | 'tab';
  header: boolean;
}

/** A variant of a file that means the same: line endings, indentation, a leading comment. */
function variantOf(fileName: string, text: string, v: Variant): string {
  const kind = kindFromPath(fileName);
  let out = text;
  if (v.indent !== 'keep' && kind !== 'yaml' && kind !== 'properties' && !/`/.test(text)) {
    // Template literals keep their content; everything else may be re-indented.
    const unit = v.indent === 'tab' ? '\t' : '    ';
    out = out.replace(/^((?:  )+)/gm, (m) => unit.repeat(m.length / 2));
  }
  if (v.header) {
    if (kind === 'js' || kind === 'ts') out = (out.startsWith('#!') ? '' : '// Copyright Example Corp.\n\n') + out;
    else if (kind === 'yaml' || kind === 'dotenv' || kind === 'properties') out = '# Copyright Example Corp.\n' + out;
  }
  if (v.crlf) out = out.replace(/\r?\n/g, '\r\n');
  return out;
}

const variantArb: fc.Arbitrary<Variant> = fc.record({
  crlf: fc.boolean(),
  indent: fc.constantFrom<Variant['indent']>('keep', 'four', 'tab'),
  header: fc.boolean(),
});

describe('fix safety (property)', () => {
  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    const settings = onlyRules(id);
    const inputs = [
      ...fixturesOf(id).map((f) => ({ fileName: f.name, text: f.text })),
      ...docExamples(id).filter((e) => e.role === 'bad').map((e) => ({ fileName: e.fileName, text: e.text })),
    ];
    it(`${id}: every fix parses, clears its finding and fix-all is idempotent`, () => {
      assert.ok(inputs.length > 0, `${id} has no fixtures or documented bad examples`);
      fc.assert(
        fc.property(fc.constantFrom(...inputs), variantArb, (input, variant) => {
          const text = variantOf(input.fileName, input.text, variant);
          const before = parseProblems(input.fileName, text).length;
          const context = new FileContext(documentFor(input.fileName, text));
          const found = analyzer.analyze(context, settings).findings.filter((f) => f.ruleId === id);
          for (const finding of found) {
            for (const fix of analyzer.fixesFor(finding, context)) {
              if (fix.edits.length === 0) continue;
              const fixed = applyEdits(text, fix.edits);
              assert.ok(parseProblems(input.fileName, fixed).length <= before, `'${fix.title}' broke the file:\n${fixed}`);
              const left = analyzer.analyze(new FileContext(documentFor(input.fileName, fixed)), settings).findings.filter((f) => f.ruleId === id);
              assert.ok(left.length < found.length, `'${fix.title}' did not clear its finding:\n${fixed}`);
            }
          }
          const once = fixAllText(input.fileName, text, settings);
          assert.ok(parseProblems(input.fileName, once).length <= before, `fix-all broke the file:\n${once}`);
          assert.equal(fixAllText(input.fileName, once, settings), once, 'fix-all is not idempotent');
        }),
        { numRuns: Math.max(40, inputs.length * 6) },
      );
    });
  }
});
