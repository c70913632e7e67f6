// Reads and analyzes the files of `check` and `list` with one bounded pool.

import { discoverNotebookCells, emptyDiscovery, readNotebook, type DiscoveryResult } from '../discovery';
import { analyze, analyzeText } from '../findings';
import type { AnalysisOptions, Finding } from '../findings/types';
import { collectFiles, mapPool, readSource, type SourceFile } from './files';

/** Reads in flight at once: enough to keep the disk busy, few enough for any ulimit. */
const READ_CONCURRENCY = 32;

export interface AnalyzedFile {
  file: SourceFile;
  status: 'ok' | 'binary' | 'unreadable';
  /** Why it could not be read. */
  message?: string;
  discovery: DiscoveryResult;
  findings: Finding[];
}

export interface WorkspaceAnalysis {
  files: AnalyzedFile[];
  missing: string[];
  unsupported: string[];
}

const SCHEDULE_CALL = /Schedule[\s\\]*\(/;
const SCHEDULE_KEYWORD = /(?<![\w])schedule[\s\\]*=(?!=)/;
const SCHEDULE_ALIAS = /(?<![\p{L}\p{N}_])Schedule\s+as\s+([\p{L}_][\p{L}\p{N}_]*)/gu;

/**
 * Whether discovery can find anything in this text, decided without parsing. Python: a
 * schedule needs a `Schedule(` call (also `config.Schedule(`), a call of an alias from
 * `import Schedule as S`, or a `schedule=` keyword (attachments, `@pipeline(schedule=...)`);
 * a file that only imports Schedule has none of these. YAML: a `schedule` key.
 * Checking thousands of files, most have none, and skipping their parse is most of the speed.
 */
export function mightHoldSchedules(text: string, fileName: string): boolean {
  if (!/schedule/i.test(text)) return false;
  if (!fileName.toLowerCase().endsWith('.py')) return true;
  if (SCHEDULE_CALL.test(text) || SCHEDULE_KEYWORD.test(text)) return true;
  for (const match of text.matchAll(SCHEDULE_ALIAS)) {
    if (new RegExp(`(?<![\\p{L}\\p{N}_.])${match[1]}[\\s\\\\]*\\(`, 'u').test(text)) return true;
  }
  return false;
}

export function analyzeSource(text: string, fileName: string, options: AnalysisOptions): { discovery: DiscoveryResult; findings: Finding[] } {
  if (!mightHoldSchedules(text, fileName)) return { discovery: emptyDiscovery(), findings: [] };
  return analyzeText(text, fileName, options);
}

export async function analyzeWorkspace(paths: string[], options: AnalysisOptions): Promise<WorkspaceAnalysis> {
  const collection = await collectFiles(paths);
  // A missing path is a usage error: nothing is analyzed.
  if (collection.missing.length > 0) return { files: [], missing: collection.missing, unsupported: collection.unsupported };
  const files = await mapPool(collection.files, READ_CONCURRENCY, async (file): Promise<AnalyzedFile> => {
    const read = await readSource(file.absolute);
    if (read.kind !== 'text') {
      const message = read.kind === 'unreadable' ? read.message : undefined;
      return { file, status: read.kind, message, discovery: emptyDiscovery(), findings: [] };
    }
    if (file.absolute.toLowerCase().endsWith('.ipynb')) {
      // A notebook: its code cells, joined in order, are one module; outputs are never read.
      const notebook = readNotebook(read.text);
      if (!notebook.ok) return { file, status: 'unreadable', message: notebook.message, discovery: emptyDiscovery(), findings: [] };
      const discovery = discoverNotebookCells(notebook.cells);
      return { file, status: 'ok', discovery, findings: analyze(discovery, options) };
    }
    return { file, status: 'ok', ...analyzeSource(read.text, file.absolute, options) };
  });
  return { files, missing: collection.missing, unsupported: collection.unsupported };
}
