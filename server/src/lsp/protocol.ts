/**
 * SuiteAuth's additions to the LSP, for any client. Every one is optional: an
 * editor that knows none of them still gets diagnostics, quick fixes, hover
 * and `source.fixAll.suiteauth`.
 *
 * The VS Code client (client/src/extension.ts) repeats these names; the
 * manifest test checks that they agree.
 */

/** Code action kind of "fix every SuiteAuth problem in this file" (also on save via `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.suiteauth';

/** Server → client notification: what the server is doing, for a status bar item. */
export const STATUS_NOTIFICATION = 'suiteauth/status';

/** Client → server request: the rule catalog (id, description, docs URL), for a rule picker. */
export const RULES_REQUEST = 'suiteauth/rules';

/** `workspace/executeCommand` commands. Argument: an http(s) URL, opened outside the editor (`window/showDocument` external). */
export const OPEN_URL_COMMAND = 'suiteauth.server.openUrl';

/**
 * Scans every supported file under the workspace folders (the CLI's file
 * walker: skips dependencies, build output, `.gitignore`d paths and excluded
 * globs) and publishes diagnostics for each. Reports `$/progress` on the
 * request's `workDoneToken`, or on a server-created one when the client
 * supports `window.workDoneProgress`; cancellable either way
 * (`$/cancelRequest` or `window/workDoneProgress/cancel`).
 * Result: {@link ScanResult}.
 */
export const SCAN_WORKSPACE_COMMAND = 'suiteauth.server.scanWorkspace';

/**
 * Applies every preferred fix to one open document through `workspace/applyEdit`.
 * Argument: the document URI. Result: {@link FixAllResult}.
 */
export const FIX_ALL_IN_FILE_COMMAND = 'suiteauth.server.fixAllInFile';

export const SERVER_COMMANDS = [OPEN_URL_COMMAND, SCAN_WORKSPACE_COMMAND, FIX_ALL_IN_FILE_COMMAND] as const;

export interface StatusParams {
  state: 'analysing' | 'scanning' | 'idle' | 'error';
  /** Findings published for the whole workspace: open documents and scanned files. */
  findings: number;
  /** Files those findings are in. */
  files: number;
  /** ISO time of the last finished analysis. */
  lastAnalysis?: string;
  /** While scanning: files done and files in total. */
  scanned?: { done: number; total: number };
  message?: string;
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  tags: readonly string[];
  docsUrl: string;
}

export interface ScanResult {
  /** Files the walker found. */
  files: number;
  /** Files analysed before the scan ended (all of them unless cancelled). */
  analysed: number;
  findings: number;
  filesWithFindings: number;
  /** Files not analysed (too large, binary, unreadable). */
  skipped: number;
  cancelled: boolean;
  /** Workspace folders that could not be walked (not on disk, e.g. a virtual workspace). */
  foldersNotOnDisk: string[];
}

export interface FixAllResult {
  /** Preferred fixes applied. */
  applied: number;
  /** Why nothing was applied, when nothing was. */
  reason?: string;
}
