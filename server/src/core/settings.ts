import { z } from 'zod';

export const SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export const severitySettingSchema = z.enum(SEVERITY_SETTINGS);

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/**
 * One schema for the VS Code settings (`suiteauth.*`) and the CLI's project
 * config, so that both faces accept and reject the same things.
 */
export const settingsSchema = z
  .object({
    enable: z.boolean().default(true),
    rules: z.record(z.string(), severitySettingSchema).default({}),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    maxFileSize: z.number().int().positive().default(DEFAULT_MAX_FILE_SIZE),
  })
  .strip();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export interface SettingsProblem {
  /** Dotted path of the offending key, e.g. `rules.nlauth-header`. */
  key: string;
  message: string;
}

/**
 * Validates raw settings. A wrong value is reported and replaced by its default
 * instead of rejecting the whole object, so one typo does not switch SuiteAuth off.
 */
export function parseSettings(raw: unknown, knownRuleIds: readonly string[]): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const input: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    problems.push({ key: '', message: `settings must be an object, got ${describe(raw)}` });
  }
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (input[key] === undefined || input[key] === null) {
      delete input[key];
      continue;
    }
    const result = shape[key].safeParse(input[key]);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ key: [key, ...issue.path.map(String)].join('.'), message: issue.message });
      }
      if (key === 'rules' && input.rules && typeof input.rules === 'object' && !Array.isArray(input.rules)) {
        // Keep the valid rule entries; drop only the wrong ones.
        const kept: Record<string, unknown> = {};
        for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
          if (severitySettingSchema.safeParse(value).success) kept[id] = value;
        }
        input.rules = kept;
      } else delete input[key];
    }
  }
  const settings = settingsSchema.parse(input);
  for (const id of Object.keys(settings.rules)) {
    if (!knownRuleIds.includes(id)) {
      problems.push({ key: `rules.${id}`, message: `unknown rule id '${id}' (known: ${knownRuleIds.join(', ')})` });
      delete settings.rules[id];
    }
  }
  return { settings, problems };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export function formatProblems(problems: readonly SettingsProblem[]): string {
  return problems.map((p) => (p.key ? `${p.key}: ${p.message}` : p.message)).join('; ');
}
