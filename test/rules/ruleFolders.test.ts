import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { ruleDocsUrl } from '../../server/src/core/docs';
import { onlyRules, findings, rangeString, fixAllText } from '../helpers/analyze';
import { DOCS_DIR, docExamples, fixturesOf, ruleFolders } from '../helpers/ruleCatalog';

/**
 * Walks every rule folder: its metadata, its hand-reviewed fixtures and the
 * examples of its documentation page, so that code, fixtures and docs cannot drift.
 */
describe('rule folders', () => {
  it('registers exactly the rule folders, in catalog order, with unique ids', () => {
    assert.deepEqual([...ALL_RULES.map((r) => r.meta.id)].sort(), ruleFolders());
    assert.equal(new Set(ALL_RULES.map((r) => r.meta.id)).size, ALL_RULES.length);
  });

  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has complete metadata and a documentation page that links back', () => {
        assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(rule.meta.description.length > 10);
        assert.match(rule.meta.rationale, /\d{4}\.\d|secret|source control/i);
        assert.ok(rule.meta.kinds.length > 0);
        const page = path.join(DOCS_DIR, `${id}.md`);
        assert.ok(fs.existsSync(page), `docs/rules/${id}.md is missing (see CONTRIBUTING.md)`);
        assert.ok(ruleDocsUrl(id).endsWith(`docs/rules/${id}.md`));
        const text = fs.readFileSync(page, 'utf8');
        assert.match(text, new RegExp(`^# \`${id}\``, 'm'), 'the page starts with the rule id as its title');
      });

      const fixtures = fixturesOf(id);
      it('has fixtures, each with a hand-written expected file', () => {
        assert.ok(fixtures.length > 0, `server/src/rules/${id}/fixtures/ has no fixtures (see CONTRIBUTING.md)`);
        for (const f of fixtures) assert.ok(f.expected, `${f.name} has no ${path.basename(f.expectedFile)} (see CONTRIBUTING.md)`);
      });

      const settings = onlyRules(id);
      for (const fixture of fixtures) {
        if (!fixture.expected) continue;
        it(`fixture ${fixture.name}`, () => {
          const found = findings(fixture.name, fixture.text, settings).filter((f) => f.ruleId === id);
          assert.deepEqual(
            found.map((f) => rangeString(fixture.text, f.range)),
            fixture.expected.findings.map((e) => e.range),
            'ranges',
          );
          fixture.expected.findings.forEach((e, i) => {
            for (const part of e.message ?? []) assert.ok(found[i].message.includes(part), `message #${i} lacks '${part}': ${found[i].message}`);
            if (e.severity) assert.equal(found[i].severity, e.severity);
          });
          for (const secret of fixture.expected.secrets ?? []) {
            for (const f of found) {
              assert.ok(!f.message.includes(secret), 'a secret value leaked into a message');
              assert.ok(!(f.hover ?? '').includes(secret), 'a secret value leaked into a hover');
            }
          }
          if (fixture.expected.fixed !== undefined) assert.equal(fixAllText(fixture.name, fixture.text, settings), fixture.expected.fixed);
        });
      }

      const examples = docExamples(id);
      it('documents bad and good examples', () => {
        assert.ok(examples.some((e) => e.role === 'bad'), 'no bad example');
        assert.ok(examples.some((e) => e.role === 'good'), 'no good example');
      });
      examples.forEach((example, i) => {
        it(`docs example at docs/rules/${id}.md:${example.line} (${example.role})`, () => {
          if (example.role === 'fixed') {
            const bad = examples.slice(0, i).reverse().find((e) => e.role === 'bad');
            assert.ok(bad, 'a fixed example follows a bad one');
            assert.equal(fixAllText(bad.fileName, bad.text, settings), example.text);
            assert.deepEqual(findings(example.fileName, example.text, settings).filter((f) => f.ruleId === id).map((f) => f.message), [], 'the fixed example is still reported');
            return;
          }
          const found = findings(example.fileName, example.text, settings).filter((f) => f.ruleId === id);
          if (example.role === 'bad') assert.ok(found.length > 0, 'the bad example is not reported');
          else assert.deepEqual(found.map((f) => f.message), [], 'the good example is reported');
        });
      });
    });
  }
});
