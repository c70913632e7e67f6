// The schedules of a whole workspace, file by file: what the sidebar shows.
// Pure (no vscode): the editor feeds it file texts; the benchmark and tests too.

import { discover } from '../discovery';
import type { DiscoveredSchedule, DiscoveryResult } from '../discovery/types';
import { analyze, targetOrchestrator } from '../findings';
import type { AnalysisOptions, Finding } from '../findings/types';

export interface IndexedFile {
  /** The file's key: an absolute path or URI string. */
  key: string;
  /** The path shown to the user (relative to the workspace folder). */
  label: string;
  discovery: DiscoveryResult;
  findings: Finding[];
  /** The orchestrator `findings` were computed for: the view's row, tooltip and badges use this one too. */
  orchestrator: AnalysisOptions['orchestrator'];
}

export interface IndexedSchedule {
  file: IndexedFile;
  schedule: DiscoveredSchedule;
  /** Findings inside the schedule or at its attachment sites. */
  findings: Finding[];
}

/** A cheap test that lets most files skip the parser entirely. */
export function mayContainSchedule(text: string): boolean {
  return text.includes('chedule');
}

/**
 * True when `relativePath` (slash-separated, relative to its workspace folder) or one of
 * its parent folders satisfies `matches`: excluding a folder excludes what it holds, as
 * files.exclude and .gitignore do. A folder is offered with a trailing slash too.
 */
export function pathOrParentMatches(relativePath: string, matches: (candidate: string) => boolean): boolean {
  const segments = relativePath.split('/').filter((s) => s !== '');
  for (let i = 1; i <= segments.length; i++) {
    const candidate = segments.slice(0, i).join('/');
    if (matches(candidate) || (i < segments.length && matches(candidate + '/'))) return true;
  }
  return false;
}

/** True when a folder of `relativePath` has one of the names in `folders` (node_modules, .venv…). */
export function inSkippedFolder(relativePath: string, folders: ReadonlySet<string>): boolean {
  const segments = relativePath.split('/');
  return segments.slice(0, -1).some((segment) => folders.has(segment));
}

function within(outer: { start: { line: number; character: number }; end: { line: number; character: number } }, inner: typeof outer): boolean {
  const le = (a: typeof outer.start, b: typeof outer.start) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

export function findingsForSchedule(schedule: DiscoveredSchedule, findings: readonly Finding[]): Finding[] {
  const ranges = [schedule.range, ...schedule.attachments.map((a) => a.keywordRange)];
  return findings.filter((f) => ranges.some((r) => within(r, f.range)));
}

export class ScheduleIndex {
  private readonly files = new Map<string, IndexedFile>();

  /** `options(key)`: the analysis options for the file `key` (each file may target its own orchestrator). */
  constructor(private readonly options: (key: string) => AnalysisOptions) {}

  /** (Re)analyses one file. Returns true when what the index holds for it changed. */
  setFile(key: string, label: string, fileName: string, text: string): boolean {
    const had = this.files.has(key);
    if (!mayContainSchedule(text)) {
      this.files.delete(key);
      return had;
    }
    const discovery = discover(text, fileName);
    const options = this.options(key);
    return this.setAnalysis(key, label, discovery, analyze(discovery, options), targetOrchestrator(discovery, options.orchestrator));
  }

  /** Stores an analysis made elsewhere (the editor's incremental one for open documents), for `orchestrator`. */
  setAnalysis(key: string, label: string, discovery: DiscoveryResult, findings: Finding[], orchestrator: AnalysisOptions['orchestrator']): boolean {
    const had = this.files.has(key);
    if (discovery.schedules.length === 0 && discovery.pipelineDecoratorScheduleArgs.length === 0) {
      this.files.delete(key);
      return had;
    }
    this.files.set(key, { key, label, discovery, findings, orchestrator });
    return true;
  }

  deleteFile(key: string): boolean {
    return this.files.delete(key);
  }

  /**
   * Drops the file `key` and every file under it when `key` is a folder (a deleted
   * or renamed folder may be reported as one event). Returns true when anything went.
   */
  deleteUnder(key: string): boolean {
    const folder = key.endsWith('/') ? key : key + '/';
    let removed = this.files.delete(key);
    for (const fileKey of [...this.files.keys()]) {
      if (fileKey.startsWith(folder)) removed = this.files.delete(fileKey) || removed;
    }
    return removed;
  }

  clear(): void {
    this.files.clear();
  }

  /** Recomputes findings (for example when the orchestrator changed) without re-reading files. */
  reanalyze(): void {
    for (const file of this.files.values()) {
      const options = this.options(file.key);
      file.findings = analyze(file.discovery, options);
      file.orchestrator = targetOrchestrator(file.discovery, options.orchestrator);
    }
  }

  get fileCount(): number {
    return this.files.size;
  }

  schedules(): IndexedSchedule[] {
    const result: IndexedSchedule[] = [];
    for (const file of this.files.values()) {
      for (const schedule of file.discovery.schedules) {
        result.push({ file, schedule, findings: findingsForSchedule(schedule, file.findings) });
      }
    }
    return result;
  }
}
