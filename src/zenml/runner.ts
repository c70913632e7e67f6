// Runs the Python helper (helper.py, beside this file in src/ and in dist/) with
// the user's interpreter and turns its one JSON object into a DetectionResult.
// No vscode: the extension and the command line both call detectOrchestrator().
// Errors are values with a code and a message that says what to do next.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OrchestratorContext } from '../common/flavors';
import { capabilityOf } from '../common/flavors';

export const DEFAULT_HELPER_TIMEOUT_MS = 10_000;

/** Every code the helper or the runner reports; the helper's unknown codes become helper-failed. */
const ERROR_CODES = [
  'interpreter-not-found',
  'zenml-not-installed',
  'zenml-too-old',
  'timeout',
  'stack-not-found',
  'helper-failed',
  'untrusted-workspace',
  'virtual-workspace',
] as const;

export type DetectionErrorCode = (typeof ERROR_CODES)[number];

export interface DetectionError {
  code: DetectionErrorCode;
  /** One or two sentences a user can act on. */
  message: string;
  /** The interpreter that was tried. */
  interpreter?: string;
  /** For zenml-too-old: the oldest supported version, and the one found. */
  minimumVersion?: string;
  zenmlVersion?: string;
  /** The helper's stderr (tail), for the log. */
  detail?: string;
}

export interface ZenmlComponent {
  id: string;
  name: string;
  flavor: string;
  /** ZenML's own `is_schedulable`, or null when the helper could not load the flavor. */
  isSchedulable: boolean | null;
}

export interface ZenmlStack {
  id: string;
  name: string;
  active: boolean;
  orchestrator: ZenmlComponent | null;
  /** ZenML's answer when it has one, else the capability table's; null when neither knows. */
  canSchedule: boolean | null;
}

/** Where the answer to "can it schedule" came from, for tooltips and the log. */
export type CanScheduleSource = 'zenml' | 'table' | 'unknown';

export interface ZenmlState {
  zenmlVersion: string;
  /** The interpreter that ran the helper (as ZenML's sys.executable reports it). */
  pythonExecutable: string;
  activeStack: { id: string; name: string };
  orchestrator: ZenmlComponent | null;
  canSchedule: boolean | null;
  canScheduleSource: CanScheduleSource;
  /** When ZenML and the capability table disagree, a sentence for the log (ZenML wins). */
  tableDisagreement: string | null;
  /** environment = ZENML_ACTIVE_STACK_ID, repository = .zen/config.yaml, global = the global configuration. */
  activeStackSource: 'environment' | 'repository' | 'global';
  repositoryRoot: string | null;
  /** ZenML's global config.yaml, as ZenML locates it (to watch it). */
  globalConfigFile: string | null;
  store: { type: string; url: string | null; serverUrl: string | null };
  stacks: ZenmlStack[];
}

export type DetectionResult = { ok: true; state: ZenmlState } | { ok: false; error: DetectionError };

export interface HelperRunOptions {
  /** The Python interpreter (a path or a command on PATH). */
  pythonPath: string;
  /** Where ZenML looks for its repository (walking up): the workspace folder. */
  cwd?: string;
  timeoutMs?: number;
  /** The environment of the helper; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Override the helper script (tests). */
  helperPath?: string;
  /** Cancels the run: the helper's process group is killed. */
  signal?: AbortSignal;
  /** Called with each chunk of the process's stderr as it arrives (ZenML's logs, for a log channel). */
  onStderr?: (chunk: string) => void;
}

/** helper.py sits beside this module: src/zenml/ when run from source, dist/ when bundled. */
export function defaultHelperPath(): string {
  // Beside the module (src/zenml/ or dist/), else the checkout's source (a dist/ bundled without the copy step).
  const candidates = [path.join(__dirname, 'helper.py'), path.join(__dirname, '..', 'src', 'zenml', 'helper.py')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

/** Interpreters to try, in order: the configured one, else python3 then python on PATH. */
export function interpreterCandidates(configured: string | null | undefined, platform = process.platform): string[] {
  const chosen = configured?.trim();
  if (chosen) return [chosen];
  return platform === 'win32' ? ['python', 'py', 'python3'] : ['python3', 'python'];
}

/** The active stack's orchestrator, ready for the findings rules; null when no orchestrator is known. */
export function toOrchestratorContext(state: ZenmlState): OrchestratorContext | null {
  if (!state.orchestrator) return null;
  return {
    flavor: state.orchestrator.flavor,
    source: 'zenml',
    stackName: state.activeStack.name,
    ...(state.canSchedule === null ? {} : { canSchedule: state.canSchedule }),
    schedulableStacks: schedulableStackNames(state),
  };
}

function schedulableStackNames(state: ZenmlState): string[] {
  return state.stacks.filter((s) => s.canSchedule === true).map((s) => s.name);
}

/** Combine ZenML's own answer with the capability table: ZenML wins, the table fills gaps. */
export function decideCanSchedule(component: ZenmlComponent | null): {
  canSchedule: boolean | null;
  source: CanScheduleSource;
  disagreement: string | null;
} {
  if (!component) return { canSchedule: null, source: 'unknown', disagreement: null };
  const fromTable = capabilityOf(component.flavor)?.canSchedule;
  if (component.isSchedulable !== null) {
    const disagreement =
      fromTable !== undefined && fromTable !== component.isSchedulable
        ? `ZenML says the ${component.flavor} orchestrator ${component.isSchedulable ? 'can' : 'cannot'} schedule; ` +
          `the capability table says it ${fromTable ? 'can' : 'cannot'}. Using ZenML's answer.`
        : null;
    return { canSchedule: component.isSchedulable, source: 'zenml', disagreement };
  }
  if (fromTable !== undefined) return { canSchedule: fromTable, source: 'table', disagreement: null };
  return { canSchedule: null, source: 'unknown', disagreement: null };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseComponent(v: unknown): ZenmlComponent | null {
  if (!isRecord(v) || typeof v.flavor !== 'string') return null;
  return {
    id: str(v.id) ?? '',
    name: str(v.name) ?? '',
    flavor: v.flavor,
    isSchedulable: typeof v.isSchedulable === 'boolean' ? v.isSchedulable : null,
  };
}

export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The helper's answer: the last stdout line that is a JSON object (ZenML may print before it), or undefined. */
export function lastJsonLine(stdout: string): unknown {
  const line = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .pop();
  try {
    return line ? JSON.parse(line) : undefined;
  } catch {
    return undefined;
  }
}

/** Turn the helper's stdout into a result. Pure; unit-tested with recorded outputs. */
export function parseHelperOutput(stdout: string, stderr: string, interpreter: string): DetectionResult {
  const json = lastJsonLine(stdout);
  if (!isRecord(json)) {
    return failure('helper-failed', interpreter, `The ZenML helper gave no answer. ${lastLine(stderr)}`.trim(), stderr);
  }
  if (isRecord(json.error)) {
    const raw = json.error;
    const code = (ERROR_CODES as readonly unknown[]).includes(raw.code) ? (raw.code as DetectionErrorCode) : 'helper-failed';
    return {
      ok: false,
      error: {
        ...detectionError(code, interpreter, str(raw.message) ?? '', str(raw.minimumVersion), str(raw.zenmlVersion)),
        detail: tail(stderr),
      },
    };
  }
  const active = isRecord(json.activeStack) ? json.activeStack : null;
  if (!active || typeof active.name !== 'string') {
    return failure('helper-failed', interpreter, 'The ZenML helper answered without an active stack.', stderr);
  }
  const stacks: ZenmlStack[] = (Array.isArray(json.stacks) ? json.stacks : []).filter(isRecord).map((s) => {
    const orchestrator = parseComponent(s.orchestrator);
    return {
      id: str(s.id) ?? '',
      name: str(s.name) ?? '',
      active: s.active === true,
      orchestrator,
      canSchedule: decideCanSchedule(orchestrator).canSchedule,
    };
  });
  const orchestrator = parseComponent(json.orchestrator);
  const decision = decideCanSchedule(orchestrator);
  const store = isRecord(json.store) ? json.store : {};
  const source = json.activeStackSource;
  return {
    ok: true,
    state: {
      zenmlVersion: str(json.zenmlVersion) ?? 'unknown',
      pythonExecutable: str(json.pythonExecutable) ?? interpreter,
      activeStack: { id: str(active.id) ?? '', name: active.name },
      orchestrator,
      canSchedule: decision.canSchedule,
      canScheduleSource: decision.source,
      tableDisagreement: decision.disagreement,
      activeStackSource: source === 'environment' || source === 'repository' ? source : 'global',
      repositoryRoot: str(json.repositoryRoot),
      globalConfigFile: str(json.globalConfigFile),
      store: { type: str(store.type) ?? 'unknown', url: str(store.url), serverUrl: str(store.serverUrl) },
      stacks,
    },
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.length ? lines[lines.length - 1] : '';
}

function failure(code: DetectionErrorCode, interpreter: string, message: string, stderr = ''): DetectionResult {
  return { ok: false, error: { code, message, interpreter, detail: stderr ? tail(stderr) : undefined } };
}

/**
 * The error value for each code: what happened, in words that fit every face. The remedy that names a
 * setting or a flag is added by the face (editorDetectionMessage in the editor, cliDetectionMessage in the CLI).
 */
export function detectionError(
  code: DetectionErrorCode,
  interpreter: string,
  detail = '',
  minimumVersion: string | null = null,
  zenmlVersion: string | null = null,
): DetectionError {
  const base = { code, interpreter, ...(minimumVersion ? { minimumVersion } : {}), ...(zenmlVersion ? { zenmlVersion } : {}) };
  switch (code) {
    case 'interpreter-not-found':
      return { ...base, message: `Python interpreter not found: ${interpreter}.` };
    case 'zenml-not-installed':
      return { ...base, message: `ZenML is not installed in ${interpreter}. Install it there (pip install zenml).` };
    case 'zenml-too-old': {
      const found = zenmlVersion ? `ZenML ${zenmlVersion}` : 'The ZenML';
      return {
        ...base,
        message: `${found} in ${interpreter} is too old: ZenML Schedules needs ZenML ${minimumVersion ?? 'a newer version'} or later. Upgrade it (pip install -U zenml).`,
      };
    }
    case 'timeout':
      return {
        ...base,
        message: `ZenML did not answer in time (${detail}). If it connects to a server, check that the server is reachable.`,
      };
    case 'stack-not-found':
      return { ...base, message: detail || 'ZenML has no such stack.' };
    case 'untrusted-workspace':
      return { ...base, message: 'This workspace is not trusted: ZenML Schedules runs no Python here.' };
    case 'virtual-workspace':
      return {
        ...base,
        message: 'This is a virtual workspace (its files are not on disk): ZenML Schedules runs no Python here, so it cannot ask ZenML for the active stack.',
      };
    default:
      return { ...base, message: `The ZenML helper failed: ${detail || 'no details'}.` };
  }
}

export interface ProcessOutcome {
  kind: 'exited' | 'spawn-error' | 'timeout' | 'cancelled';
  stdout: string;
  stderr: string;
  exitCode: number | null;
  spawnErrorCode?: string;
}

/** Spawn and collect; kills the whole process group on timeout (a shell wrapper's children too). */
export function runProcess(command: string, args: string[], options: HelperRunOptions): Promise<ProcessOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (outcome: Omit<ProcessOutcome, 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...outcome, stdout, stderr });
    };
    const onAbort = () => {
      kill();
      finish({ kind: 'cancelled', exitCode: null });
    };
    if (options.signal?.aborted) {
      resolve({ kind: 'cancelled', stdout, stderr, exitCode: null });
      return;
    }
    const detached = process.platform !== 'win32';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: { ...(options.env ?? process.env), PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached,
        windowsHide: true,
      });
    } catch (e) {
      resolve({ kind: 'spawn-error', stdout, stderr: String(e), exitCode: null, spawnErrorCode: (e as NodeJS.ErrnoException).code });
      return;
    }
    const kill = () => {
      try {
        if (detached && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish({ kind: 'timeout', exitCode: null });
    }, timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      options.onStderr?.(d);
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'spawn-error', exitCode: null, spawnErrorCode: e.code }));
    child.on('close', (code) => finish({ kind: 'exited', exitCode: code }));
  });
}

async function runHelper(args: string[], options: HelperRunOptions): Promise<DetectionResult> {
  const helper = options.helperPath ?? defaultHelperPath();
  const interpreter = options.pythonPath;
  if (options.cwd && !fs.existsSync(options.cwd)) {
    return failure('helper-failed', interpreter, `The folder ${options.cwd} does not exist.`);
  }
  const outcome = await runProcess(interpreter, [helper, ...args], options);
  if (outcome.kind === 'spawn-error') {
    return outcome.spawnErrorCode === 'ENOENT' || outcome.spawnErrorCode === 'EACCES'
      ? { ok: false, error: detectionError('interpreter-not-found', interpreter) }
      : failure('helper-failed', interpreter, `Could not start ${interpreter}: ${outcome.spawnErrorCode ?? outcome.stderr}`);
  }
  if (outcome.kind === 'cancelled') return failure('helper-failed', interpreter, 'The ZenML helper was cancelled.', outcome.stderr);
  if (outcome.kind === 'timeout') {
    const seconds = Math.round((options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS) / 100) / 10;
    return { ok: false, error: { ...detectionError('timeout', interpreter, `stopped after ${seconds} s`), detail: tail(outcome.stderr) } };
  }
  // A shell reports a missing command as exit 127 with nothing on stdout.
  if (outcome.exitCode === 127 && !outcome.stdout.trim()) {
    return { ok: false, error: { ...detectionError('interpreter-not-found', interpreter), detail: tail(outcome.stderr) } };
  }
  return parseHelperOutput(outcome.stdout, outcome.stderr, interpreter);
}

/** Ask ZenML, through the helper, which stack is active and what its orchestrator can do. */
export function detectOrchestrator(options: HelperRunOptions): Promise<DetectionResult> {
  return runHelper(['detect'], options);
}

/** Activate `stack` through ZenML's Client, then report the state ZenML reads back. */
export async function switchStack(options: HelperRunOptions & { stack: string }): Promise<DetectionResult> {
  const result = await runHelper(['switch-stack', options.stack], options);
  if (result.ok && result.state.activeStack.name !== options.stack && result.state.activeStack.id !== options.stack) {
    return failure(
      'helper-failed',
      options.pythonPath,
      `ZenML still reports '${result.state.activeStack.name}' as the active stack after switching to '${options.stack}'` +
        (result.state.activeStackSource === 'environment' ? ' (ZENML_ACTIVE_STACK_ID is set in the environment).' : '.'),
    );
  }
  return result;
}

/**
 * Try each candidate interpreter until one starts (python3, then python): the first
 * answer that is not "interpreter not found" wins.
 */
export async function detectWithCandidates(
  candidates: string[],
  options: Omit<HelperRunOptions, 'pythonPath'>,
): Promise<DetectionResult> {
  let last: DetectionResult = { ok: false, error: detectionError('interpreter-not-found', candidates.join(' or ') || 'python3') };
  for (const pythonPath of candidates) {
    const result = await detectOrchestrator({ ...options, pythonPath });
    if (result.ok || result.error.code !== 'interpreter-not-found') return result;
    last = result;
  }
  if (!last.ok && candidates.length > 1) return { ok: false, error: detectionError('interpreter-not-found', candidates.join(' or ')) };
  return last;
}

/** One line for the log and the CLI: "stack 'default' (orchestrator 'default', flavor local, cannot schedule)". */
export function describeState(state: ZenmlState): string {
  const o = state.orchestrator;
  const can = state.canSchedule === null ? 'scheduling support unknown' : state.canSchedule ? 'can schedule' : 'cannot schedule';
  return o
    ? `stack '${state.activeStack.name}' (orchestrator '${o.name}', flavor ${o.flavor}, ${can}; ZenML ${state.zenmlVersion})`
    : `stack '${state.activeStack.name}' (no orchestrator; ZenML ${state.zenmlVersion})`;
}
