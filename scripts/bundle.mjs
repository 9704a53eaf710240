// Bundles the extension client and the language server with esbuild for the .vsix:
// one file each, no node_modules in the package. `server/out` (tsc) stays the
// entry point for other editors (`node server/out/server.js --stdio`) and the CLI.
//
// Usage: node scripts/bundle.mjs [--production]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

/**
 * esbuild runs a native binary from its platform package. npm 11 may skip
 * esbuild's install script (dependency scripts need approval), which is only
 * an optimisation, but a broken or half-installed binary is repaired once
 * with `npm rebuild esbuild` before giving up.
 */
async function loadEsbuild() {
  try {
    const esbuild = require('esbuild');
    await esbuild.transform('', {});
    return esbuild;
  } catch (error) {
    console.warn(`esbuild does not run (${String(error?.message ?? error).split('\n')[0]}); trying npm rebuild esbuild`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const rebuilt = spawnSync(npm, ['rebuild', 'esbuild', '--foreground-scripts'], { stdio: 'inherit', env: { ...process.env, npm_config_dangerously_allow_all_scripts: 'true' } });
    if (rebuilt.status !== 0) throw new Error('npm rebuild esbuild failed');
    for (const key of Object.keys(require.cache)) if (key.includes(`${'node_modules'}/esbuild/`)) delete require.cache[key];
    const esbuild = require('esbuild');
    await esbuild.transform('', {});
    return esbuild;
  }
}

const esbuild = await loadEsbuild();
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // jsonc-parser's `main` is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', mainFields: ['module', 'main'] }),
]);
