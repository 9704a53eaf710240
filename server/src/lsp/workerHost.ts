import { Worker } from 'node:worker_threads';
import type { SourceDocument } from '../core/document';
import type { FixAllResult } from '../core/fixAll';
import type { Fix } from '../core/rule';
import type { Settings } from '../core/settings';
import type { WorkerAnalysis, WorkerFileScan, WorkerRequest, WorkerResponse } from './analysisWorkerProtocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The main thread's side of the analysis worker. The worker starts on the
 * first large document and is started again after it dies (an out-of-memory
 * file, a crash): the requests in flight fail with an error the server shows
 * as its error status, and the next request gets a fresh worker.
 */
export class AnalysisWorkerHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly file: string) {}

  analyze(document: SourceDocument, settings: Settings): Promise<WorkerAnalysis> {
    return this.request({ op: 'analyze', document, settings }) as Promise<WorkerAnalysis>;
  }

  fixes(uri: string, version: number, index: number): Promise<Fix[]> {
    return this.request({ op: 'fixes', uri, version, index }) as Promise<Fix[]>;
  }

  fixAll(document: SourceDocument, settings: Settings): Promise<FixAllResult> {
    return this.request({ op: 'fixAll', document, settings }) as Promise<FixAllResult>;
  }

  scanFile(file: string, settings: Settings): Promise<WorkerFileScan> {
    return this.request({ op: 'scanFile', file, settings }) as Promise<WorkerFileScan>;
  }

  forget(uri: string): void {
    if (this.worker) void this.request({ op: 'forget', uri }).catch(() => undefined);
  }

  dispose(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = undefined;
    return worker?.terminate();
  }

  private request(message: WithoutId<WorkerRequest>): Promise<unknown> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as WorkerRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    // The server exits when its connection closes, whatever the worker is doing.
    worker.unref();
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(new Error(`in the analysis worker: ${response.error}`));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`the analysis worker failed: ${error?.stack ?? String(error)}`)));
    worker.on('exit', (code) => fail(new Error(`the analysis worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
