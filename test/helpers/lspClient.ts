import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

/** A minimal LSP client over stdio for tests: it waits on the server's messages, never on sleeps. */
export class LspTestClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly notifications: { method: string; params: any }[] = [];
  private readonly waiters: { method: string; test: (params: any) => boolean; resolve: (params: any) => void }[] = [];
  /** Answers to `workspace/configuration`, per section. */
  configuration: unknown = {};
  /** Whether `workspace/applyEdit` requests are answered as applied. */
  applyEdits = true;
  readonly stderr: string[] = [];

  /**
   * Spawns the built server (`server/out/server.js --stdio`), or a TypeScript
   * entry point run through tsx (test servers with their own rules).
   * `env` adds to the server's environment (SUITEAUTH_WORKER_THRESHOLD).
   */
  constructor(serverPath = path.resolve(__dirname, '../../server/out/server.js'), env: Record<string, string> = {}) {
    const args = serverPath.endsWith('.ts') ? ['--import', 'tsx', serverPath, '--stdio'] : [serverPath, '--stdio'];
    this.child = spawn(process.execPath, args, { stdio: 'pipe', env: { ...process.env, ...env } });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(body);
    }
  }

  private dispatch(message: any): void {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server.
      let result: unknown = null;
      if (message.method === 'workspace/configuration') result = message.params.items.map(() => this.configuration);
      else if (message.method === 'workspace/applyEdit') result = { applied: this.applyEdits };
      else if (message.method === 'window/showDocument') result = { success: true };
      this.write({ jsonrpc: '2.0', id: message.id, result });
      this.notifications.push({ method: message.method, params: message.params });
    } else this.notifications.push({ method: message.method, params: message.params });
    for (const w of [...this.waiters]) {
      if (w.method === message.method && w.test(message.params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message.params);
      }
    }
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request and returns its id (for `$/cancelRequest`) with the promise of its result. */
  requestWithId<T = any>(method: string, params: unknown): { id: number; result: Promise<T> } {
    const id = this.nextId;
    return { id, result: this.request<T>(method, params) };
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (past or future) of `method` that passes `test`. */
  waitFor<T = any>(method: string, test: (params: T) => boolean = () => true): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && test(n.params));
    if (seen) {
      this.notifications.splice(this.notifications.indexOf(seen), 1);
      return Promise.resolve(seen.params);
    }
    return new Promise((resolve) => this.waiters.push({ method, test, resolve }));
  }

  /** Diagnostics published for a document version. */
  diagnostics(uri: string, version: number): Promise<{ uri: string; version?: number; diagnostics: any[] }> {
    return this.waitFor('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.version === version);
  }

  /** Every notification (and server request) of `method` received so far, oldest first, without consuming them. */
  received(method: string): any[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  async initialize(capabilities: object = { workspace: { configuration: true } }, workspaceFolders: { uri: string; name: string }[] | null = null): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri: workspaceFolders?.[0]?.uri ?? null, workspaceFolders, capabilities });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: object[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Applies LSP text edits (line/character ranges) to a text. */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line < lineStarts.length ? lineStarts[p.line] + p.character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
