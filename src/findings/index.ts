// The findings layer: rules over discovered schedules. No vscode.
export { analyze, analyzeText, targetOrchestrator } from './rules';
export { SCHEDULE_FIELDS, isScheduleField, suggestField, editDistance } from './fields';
export { effectiveKind, findField, presence, triggerState } from './triggers';
export type { Presence, TriggerState } from './triggers';
export * from '../common/codes';
export type * from './types';
