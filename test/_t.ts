import { parseJsonConfig } from '../server/src/config/json';
import { Analyzer, FileContext } from '../server/src/core/analyzer';
import { ALL_RULES } from '../server/src/rules/index';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
const n = 2000;
const text = JSON.stringify({ netsuite: { account: '123', email: 'a@b.c', password: 'x' }, values: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}`, nested: { a: i } })) }, null, 2);
const t = (label: string, f: () => void) => { f(); const s = performance.now(); for (let i = 0; i < 5; i++) f(); console.log(label, ((performance.now() - s) / 5).toFixed(1)); };
t('parse', () => parseJsonConfig(text));
const a = new Analyzer(ALL_RULES);
t('all', () => a.analyze(new FileContext({ uri: 'file:///x/config.json', kind: 'json', text, version: 1 }), DEFAULT_SETTINGS));
for (const r of ALL_RULES) { if (!r.meta.kinds.includes('json')) continue; const b = new Analyzer([r]); t(r.meta.id, () => b.analyze(new FileContext({ uri: 'file:///x/config.json', kind: 'json', text, version: 1 }), DEFAULT_SETTINGS)); }
