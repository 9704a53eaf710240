// `npm run package`: compiles (tsc -b), bundles client and server with esbuild
// (minified, no source maps) and packs the .vsix with @vscode/vsce. The
// .vscodeignore keeps only the bundles, the manifest, grammars, README and
// LICENSE. Prints the package's contents and size.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const out = `${manifest.name}-${manifest.version}.vsix`;

function run(label, file, args) {
  console.log(`== package: ${label}`);
  const r = spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

run('tsc -b server client', require.resolve('typescript/bin/tsc'), ['-b', 'server', 'client']);
run('esbuild bundles (production)', path.join(root, 'scripts/bundle.mjs'), ['--production']);
fs.rmSync(out, { force: true });
run(`vsce package → ${out}`, require.resolve('@vscode/vsce/vsce'), ['package', '--no-dependencies', '--no-update-package-json', '--no-git-tag-version', '--out', out]);

const size = fs.statSync(out).size;
const list = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { encoding: 'utf8' });
console.log(`package: ${out} ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes)`);
if (list.status === 0) console.log(`package: files: ${list.stdout.trim().split('\n').join(', ')}`);
