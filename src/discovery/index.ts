// Schedule discovery: what a Python or YAML document schedules, with exact
// source ranges. Plain data in and out; no vscode.

import { discoverPython, emptyDiscovery } from './python';
import { discoverGithubWorkflow, isGithubWorkflowPath } from './githubWorkflow';
import { discoverNotebook } from './notebook';
import { discoverYaml } from './yaml';
import type { DiscoveryResult } from './types';

export * from './types';
export { PythonDiscovery, discoverPython, emptyDiscovery, mayMentionSchedule, MAX_PYTHON_FILE_LENGTH } from './python';
export { diffTexts, toRangeChanges, type ContentChange, type RangeChange, type TextChange } from './changes';
export { discoverYaml, MAX_YAML_FILE_LENGTH } from './yaml';
export { discoverGithubWorkflow, githubScheduleZone, isGithubWorkflowPath } from './githubWorkflow';
export {
  discoverNotebook,
  discoverNotebookCells,
  editInCell,
  maskIpythonSyntax,
  modulePosition,
  notebookModule,
  positionInCell,
  rangeInCell,
  readNotebook,
  type CellSpan,
  type NotebookCellText,
} from './notebook';
export { LineIndex, offsetToPosition } from './lineIndex';
export { SCHEDULE_FIELDS, closestScheduleField, isScheduleField, type ScheduleFieldName } from './fields';
export { parseIsoTimestamp, type Timestamp } from './timestamps';

export type ScheduleFileKind = 'python' | 'yaml' | 'notebook';

/** Which discovery reads this file, by its extension; null for other files. */
export function scheduleFileKind(fileName: string): ScheduleFileKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.py')) return 'python';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.ipynb')) return 'notebook';
  return null;
}

export function isScheduleFile(fileName: string): boolean {
  return scheduleFileKind(fileName) !== null;
}

/** Discovers the schedules of one document. Never throws. */
export function discover(text: string, fileName: string): DiscoveryResult {
  switch (scheduleFileKind(fileName)) {
    case 'python':
      return discoverPython(text);
    case 'yaml':
      return isGithubWorkflowPath(fileName) ? discoverGithubWorkflow(text) : discoverYaml(text);
    case 'notebook':
      return discoverNotebook(text);
    default:
      return emptyDiscovery();
  }
}
export { discoverPipelines, type PipelineDefinition, type PipelineModule, type PipelineSite, type PlainCallSite, type WithOptionsSite } from './pipelines';
