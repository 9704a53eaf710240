import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kindFromPath } from '../../server/src/core/document';
import { LspTestClient } from '../helpers/lspClient';
import { ROOT, RULES_DIR, ruleFolders } from '../helpers/ruleCatalog';

/**
 * One analysis core, three faces: for every rule fixture, the language server's
 * diagnostics, the CLI's JSON findings and the SARIF results are the same
 * findings (rule, start and end), and none of them carries a secret.
 */

const CLI = path.join(ROOT, 'server/out/cli.js');
const LANGUAGE_IDS: Record<string, string> = { js: 'javascript', ts: 'typescript', json: 'json', yaml: 'yaml', dotenv: 'dotenv', properties: 'properties', xml: 'xml' };

function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const rule of ruleFolders()) {
    const dir = path.join(RULES_DIR, rule, 'fixtures');
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.expected.json') || /\.fixed(\.|$)/.test(name)) continue;
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile() && kindFromPath(file)) files.push(file);
    }
  }
  return files;
}

function cli(format: string, files: string[]): string {
  const run = spawnSync(process.execPath, [CLI, 'scan', ...files, '--format', format], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.status === 0 || run.status === 1, `scan --format ${format} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** Secret values declared by fixtures' expected files. */
function declaredSecrets(files: string[]): string[] {
  return files.flatMap((f) => {
    const expected = `${f}.expected.json`;
    return fs.existsSync(expected) ? ((JSON.parse(fs.readFileSync(expected, 'utf8')).secrets as string[] | undefined) ?? []) : [];
  });
}

describe('editor, CLI and SARIF agree', function () {
  this.timeout(120000);
  const files = fixtureFiles();

  it('report the same findings for every rule fixture, with no secret in any output', async () => {
    assert.ok(files.length > 0);
    const key = (file: string, rule: string, l1: number, c1: number, l2: number, c2: number) => `${path.relative(ROOT, file)} ${rule} ${l1}:${c1}-${l2}:${c2}`;

    const json = JSON.parse(cli('json', files));
    const fromJson = json.findings.map((f: any) => key(path.resolve(ROOT, f.file), f.rule, f.line, f.column, f.endLine, f.endColumn)).sort();

    const sarifText = cli('sarif', files);
    const sarif = JSON.parse(sarifText);
    const fromSarif = sarif.runs[0].results
      .map((r: any) => {
        const loc = r.locations[0].physicalLocation;
        const r0 = loc.region;
        return key(path.resolve(ROOT, loc.artifactLocation.uri), r.ruleId, r0.startLine, r0.startColumn, r0.endLine, r0.endColumn);
      })
      .sort();

    // The editor's two paths: ordinary files on the main thread, large ones in the analysis worker.
    const lspRun = async (env: Record<string, string>) => {
      const client = new LspTestClient(undefined, env);
      const found: string[] = [];
      const text: string[] = [];
      try {
        await client.initialize();
        for (const file of files) {
          const uri = pathToFileURL(file).href;
          client.open(uri, LANGUAGE_IDS[kindFromPath(file)!], fs.readFileSync(file, 'utf8'));
          const { diagnostics } = await client.diagnostics(uri, 1);
          for (const d of diagnostics) {
            found.push(key(file, d.code, d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1));
            text.push(d.message);
            const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
            if (hover) text.push(JSON.stringify(hover));
          }
        }
        await client.shutdown();
      } finally {
        client.kill();
      }
      return { found: found.sort(), text };
    };
    const mainThread = await lspRun({});
    const worker = await lspRun({ SUITEAUTH_WORKER_THRESHOLD: '0' });
    const fromLsp = mainThread.found;
    const lspText = [...mainThread.text, ...worker.text];
    assert.deepEqual(worker.found, fromLsp, 'the analysis worker and the main thread differ');
    assert.deepEqual(worker.text, mainThread.text, 'messages or hovers differ between the analysis worker and the main thread');

    assert.ok(fromJson.length > 0, 'the fixtures produce findings');
    assert.deepEqual(fromJson, fromLsp, 'CLI JSON and language server differ');
    assert.deepEqual(fromSarif, fromJson, 'SARIF and CLI JSON differ');
    const textOut = cli('text', files);
    for (const secret of declaredSecrets(files)) {
      for (const [face, out] of [['json', JSON.stringify(json)], ['sarif', sarifText], ['text', textOut], ['lsp', lspText.join('\n')]] as const) {
        assert.ok(!out.includes(secret), `a secret value appears in the ${face} output`);
      }
    }
  });
});
