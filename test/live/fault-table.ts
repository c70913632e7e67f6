// ONE fault table, run against every adapter (the ZenML server adapter now; each orchestrator
// adapter plugs in with a FaultSubject). A fault-injecting loopback proxy sits in front of the
// adapter's real (or loopback) upstream; for every fault and every operation the call must
// finish (nothing hangs), must not throw past the adapter, and must return the typed error whose
// message says what happened.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AdapterError, AdapterErrorCode } from '../../src/adapters/errors';
import type { CallOptions, Result, ScheduleAdapter } from '../../src/adapters/types';
import { startFaultProxy, type Fault, type FaultProxy } from '../servers/fault-proxy';
import { freePort } from './zenml-server';

export interface FaultCase {
  name: string;
  /** null: no proxy at all, the adapter gets a closed port (connection refused). */
  fault: Fault | null;
  /** How the call is made: with a short timeout, or cancelled while it waits. */
  call?: 'timeout' | 'cancel';
  codes: readonly AdapterErrorCode[];
  /** The message must say what happened. */
  message: RegExp;
}

/** A short timeout for the "never ends" case; the safety deadline is far above it (a hang fails the test). */
export const FAULT_TIMEOUT_MS = 1500;
const HANG_DEADLINE_MS = 60_000;
/** Over the shared HTTP layer's 64 MB cap. */
export const HUGE_BYTES = 65 * 1024 * 1024;

/** Error bodies in the upstream's own shape (ZenML: {"detail": [type, message]}; Kubernetes: a Status). */
export type ErrorBody = (status: number, reason: string) => unknown;

export const zenmlErrorBody: ErrorBody = (status, reason) => ({ detail: [reason, `injected ${status} ${reason}`] });

export function faultTable(errorBody: ErrorBody): FaultCase[] {
  const status = (code: number, reason: string): Fault => ({ kind: 'status', status: code, body: errorBody(code, reason) });
  return [
    { name: 'connection refused', fault: null, codes: ['unreachable'], message: /refused|could not reach|cannot reach|unreachable|connect/i },
    { name: '401 unauthorized', fault: status(401, 'AuthorizationException'), codes: ['unauthorized'], message: /refused|no longer valid|unauthori[sz]ed|authentica|401/i },
    { name: '403 forbidden', fault: status(403, 'IllegalOperationError'), codes: ['forbidden'], message: /forbidden|not allowed|permission|refused|403/i },
    { name: '404 not found', fault: status(404, 'KeyError'), codes: ['not-found'], message: /not found|has no|no such|404/i },
    { name: '409 conflict', fault: status(409, 'EntityExistsError'), codes: ['conflict'], message: /conflict|exists|409/i },
    { name: '422 unprocessable', fault: status(422, 'ValidationError'), codes: ['invalid-input'], message: /invalid|rejected|422/i },
    { name: '500 with a JSON body', fault: status(500, 'RuntimeError'), codes: ['server-error'], message: /500|server error|internal|failed/i },
    { name: '500 without a body', fault: { kind: 'status', status: 500 }, codes: ['server-error'], message: /500|server error|internal|failed/i },
    { name: 'malformed JSON', fault: { kind: 'malformed-json' }, codes: ['server-error'], message: /JSON|malformed|unknown shape|not valid|could not (be )?read/i },
    { name: 'a response that never ends (timeout)', fault: { kind: 'never-ends' }, call: 'timeout', codes: ['timeout'], message: /time|did not answer|within/i },
    { name: 'a response that never ends (cancelled)', fault: { kind: 'never-ends' }, call: 'cancel', codes: ['cancelled'], message: /cancel/i },
    { name: 'a huge page', fault: { kind: 'huge', bytes: HUGE_BYTES }, codes: ['server-error'], message: /larger than|too large|MB/i },
  ];
}

export interface FaultOperation {
  name: string;
  call(adapter: ScheduleAdapter, options: CallOptions): Promise<Result<unknown>>;
}

export interface FaultSubject {
  /** "ZenML server adapter", "Kubernetes adapter", … */
  name: string;
  /** Starts (or returns) the real upstream the proxy forwards to. */
  upstream(): Promise<string>;
  /** Which requests the faults hit: the data calls (logins and discovery may pass through). */
  faultPath: RegExp;
  /** A fresh adapter for `baseUrl` (fresh: no cached version, token or lookups between cases). */
  makeAdapter(baseUrl: string): ScheduleAdapter;
  operations: FaultOperation[];
  errorBody: ErrorBody;
  /** Per case: codes this adapter answers differently, with why (e.g. a 404 on a list is "not found"). */
  overrides?: Record<string, Partial<Pick<FaultCase, 'codes' | 'message'>>>;
  stop?(): Promise<void>;
}

async function guarded(promise: Promise<Result<unknown>>): Promise<{ kind: 'result'; result: Result<unknown> } | { kind: 'threw'; error: unknown } | { kind: 'hung' }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ kind: 'hung' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hung' }), HANG_DEADLINE_MS);
  });
  try {
    return await Promise.race([promise.then((result) => ({ kind: 'result' as const, result })), deadline]);
  } catch (error) {
    return { kind: 'threw', error };
  } finally {
    clearTimeout(timer);
  }
}

/** Registers one describe block: every case of the table × every operation of the subject. */
export function runFaultTable(subject: FaultSubject): void {
  describe(`fault table: ${subject.name}`, () => {
    let proxy: FaultProxy;
    let closedUrl: string;

    before(async () => {
      proxy = await startFaultProxy(await subject.upstream());
      closedUrl = `http://127.0.0.1:${await freePort()}`;
    });
    after(async () => {
      await proxy?.close();
      await subject.stop?.();
    });

    it('passes everything through when no fault is set (the table tests the adapter, not a broken proxy)', async () => {
      proxy.setFault(null);
      const adapter = subject.makeAdapter(proxy.url);
      for (const op of subject.operations.filter((o) => o.name === 'list')) {
        const r = await op.call(adapter, { timeoutMs: 60_000 });
        assert.ok(r.ok, `${op.name} through the proxy: ${JSON.stringify(!r.ok && r.error)}`);
      }
    });

    for (const base of faultTable(subject.errorBody)) {
      const c = { ...base, ...(subject.overrides?.[base.name] ?? {}) };
      it(c.name, async () => {
        const failures: string[] = [];
        for (const op of subject.operations) {
          proxy.setFault(null);
          const adapter = subject.makeAdapter(c.fault === null ? closedUrl : proxy.url);
          if (c.call) {
            // The short timeout is for the faulted call, not for a login or version check on a slow
            // machine: the adapter makes those first, with no fault set.
            const warm = await subject.operations[0].call(adapter, { timeoutMs: HANG_DEADLINE_MS });
            assert.ok(warm.ok, `warm-up ${subject.operations[0].name}: ${JSON.stringify(!warm.ok && warm.error)}`);
          }
          proxy.setFault(c.fault, subject.faultPath);
          const controller = new AbortController();
          const options: CallOptions =
            c.call === 'cancel' ? { signal: controller.signal, timeoutMs: HANG_DEADLINE_MS } : { timeoutMs: c.call === 'timeout' ? FAULT_TIMEOUT_MS : 30_000 };
          const started = proxy.seen.length;
          const done = { value: false };
          const cancel = c.call === 'cancel' ? waitForFaulted(proxy, started, done).then(() => controller.abort()) : null;
          const outcome = await guarded(op.call(adapter, options));
          done.value = true;
          controller.abort();
          await cancel;
          const label = `${op.name}`;
          if (outcome.kind === 'hung') failures.push(`${label}: did not finish within ${HANG_DEADLINE_MS / 1000} s`);
          else if (outcome.kind === 'threw') failures.push(`${label}: threw past the adapter: ${String(outcome.error)}`);
          else if (outcome.result.ok) failures.push(`${label}: reported success under "${c.name}"`);
          else {
            const e: AdapterError = outcome.result.error;
            if (!c.codes.includes(e.code)) failures.push(`${label}: code ${e.code}, expected ${c.codes.join(' or ')} (${e.message})`);
            if (!c.message.test(e.message)) failures.push(`${label}: message does not say what happened: "${e.message}"`);
            if (c.fault !== null && !proxy.seen.slice(started).some((s) => s.faulted)) failures.push(`${label}: the fault was never hit`);
          }
        }
        proxy.setFault(null);
        assert.deepEqual(failures, []);
      });
    }
  });
}

/** Resolves once a faulted request has reached the proxy after index `from` (the client is waiting on it). */
async function waitForFaulted(proxy: FaultProxy, from: number, done: { value: boolean }): Promise<void> {
  while (!done.value && !proxy.seen.slice(from).some((s) => s.faulted)) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
}
