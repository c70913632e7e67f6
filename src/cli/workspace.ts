// Reads and analyzes the files of `check` and `list` with one bounded pool.

import { analyzeText, emptyDiscovery } from '../findings';
import type { DiscoveryResult } from '../discovery/types';
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

/**
 * Every Schedule construction, YAML `schedule:` mapping and `@pipeline(schedule=...)`
 * contains the word, whatever the import alias: files without it are skipped unparsed.
 */
export function mightHoldSchedules(text: string): boolean {
  return /schedule/i.test(text);
}

export function analyzeSource(text: string, fileName: string, options: AnalysisOptions): { discovery: DiscoveryResult; findings: Finding[] } {
  if (!mightHoldSchedules(text)) return { discovery: emptyDiscovery(), findings: [] };
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
    return { file, status: 'ok', ...analyzeSource(read.text, file.absolute, options) };
  });
  return { files, missing: collection.missing, unsupported: collection.unsupported };
}
