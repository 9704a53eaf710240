import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindFromLanguageId, kindFromPath } from '../../server/src/core/document';
import { DEFAULT_SETTINGS, SEVERITY_SETTINGS, settingsSchema } from '../../server/src/core/settings';
import * as protocol from '../../server/src/lsp/protocol';
import { ALL_RULES } from '../../server/src/rules';

/**
 * The extension manifest (package.json) against the code it describes: the
 * languages the server analyses, the settings schema, the rule catalog, the
 * commands the client registers and the protocol names both sides use.
 */

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const clientSource = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'dotenv', 'properties', 'xml'];

describe('extension manifest', () => {
  it('activates on every analysed language and on SuiteCloud projects, never on start-up', () => {
    assert.deepEqual(manifest.activationEvents, [...LANGUAGES.map((l) => `onLanguage:${l}`), 'workspaceContains:**/suitecloud.config.js', 'workspaceContains:**/src/deploy.xml']);
    for (const language of LANGUAGES) assert.ok(kindFromLanguageId(language, 'untitled:Untitled-1'), `the server analyses ${language}`);
  });

  it('gives the client the same languages for its document selector', () => {
    const declared = /export const LANGUAGES = \[([^\]]*)\]/.exec(clientSource)?.[1];
    assert.deepEqual(
      declared?.split(',').map((s) => s.trim().replace(/^'|'$/g, '')),
      LANGUAGES,
    );
    assert.match(clientSource, /const schemes = new Set\(\['file', 'untitled'\]\)/);
  });

  it('contributes a dotenv language for exactly the names the server reads as dotenv', () => {
    const [dotenv] = manifest.contributes.languages;
    assert.deepEqual(dotenv, { id: 'dotenv', aliases: ['Dotenv', 'dotenv'], filenames: ['.env'], filenamePatterns: ['.env.*', '*.env'], configuration: './syntaxes/dotenv.language-configuration.json' });
    for (const name of ['.env', '.env.local', '.env.example', 'production.env']) assert.equal(kindFromPath(`/w/${name}`), 'dotenv', name);
  });

  it('works in untrusted and (limited) virtual workspaces', () => {
    assert.deepEqual(manifest.capabilities, {
      untrustedWorkspaces: { supported: true },
      virtualWorkspaces: { supported: 'limited', description: 'Open files are analysed in virtual workspaces; Scan Workspace needs folders on disk.' },
    });
  });

  it('has a severity setting per known rule, with the rule default', () => {
    const rules = manifest.contributes.configuration.properties['suiteauth.rules'];
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(rules.default, {});
    assert.deepEqual(
      Object.keys(rules.properties),
      ALL_RULES.map((r) => r.meta.id),
    );
    for (const rule of ALL_RULES) {
      const property = rules.properties[rule.meta.id];
      assert.deepEqual(property.enum, [...SEVERITY_SETTINGS]);
      assert.equal(property.default, rule.meta.defaultSeverity, rule.meta.id);
      assert.ok(property.markdownDescription.includes(`docs/rules/${rule.meta.id}.md`));
    }
  });

  it('contributes every setting of the shared schema, with its default, plus trace.server', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties), [...Object.keys(settingsSchema.shape).map((k) => `suiteauth.${k}`), 'suiteauth.trace.server']);
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) assert.deepEqual(properties[`suiteauth.${key}`].default, value, key);
    assert.deepEqual(properties['suiteauth.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('contributes the commands the client registers', () => {
    const ids = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(ids, ['suiteauth.scanWorkspace', 'suiteauth.fixAllInFile', 'suiteauth.showRuleDocumentation', 'suiteauth.restartServer', 'suiteauth.showOutput']);
    assert.deepEqual(
      manifest.contributes.commands.map((c: { title: string }) => c.title),
      ['Scan Workspace', 'Fix All in File', 'Show Rule Documentation', 'Restart Server', 'Show Output'],
    );
    for (const id of ids) assert.ok(clientSource.includes(`registerCommand('${id}'`), id);
  });

  it('client and server use the same protocol names', () => {
    for (const name of ['STATUS_NOTIFICATION', 'RULES_REQUEST', 'SCAN_WORKSPACE_COMMAND', 'FIX_ALL_IN_FILE_COMMAND'] as const) {
      assert.ok(clientSource.includes(`const ${name} = '${protocol[name]}';`), name);
    }
    assert.ok(clientSource.includes("const DOCS_BASE = 'https://github.com/suiteauth/suiteauth/blob/main/docs/rules/';"));
  });

  it('runs in the VS Code that code-server 4.100 ships, from the bundle the .vsix carries', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.equal(manifest.main, './dist/extension.js');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const kept of ['!dist/extension.js', '!dist/server.js', '!syntaxes/**']) assert.ok(ignore.split('\n').includes(kept), kept);
  });
});
