// A live schedule's state in words, shared by the tree, its tooltip, the timeline and the CLI,
// so that every face says the same thing. One rule above all (issue 10 §2): never show "paused"
// for a schedule that may still fire. A ZenML record set inactive on an orchestrator where the
// record does not control what fires (Airflow, Vertex AI, … without their own connection) keeps
// `state: 'paused'` in the data (contracts.md's enum), and `mayStillFire` says why; the faces show
// RECORD_INACTIVE with that warning instead of "paused". Pure, no vscode.

import type { LiveSchedule } from '../adapters/types';

/** The words shown instead of "paused" when only ZenML's record is inactive. */
export const RECORD_INACTIVE = 'record inactive — may still fire';

/** Whether the state is only a record's: it says paused, but the orchestrator may still fire it. */
export function recordOnlyPaused(s: Pick<LiveSchedule, 'state' | 'mayStillFire'>): boolean {
  return s.state === 'paused' && !!s.mayStillFire;
}

/** The state as every face words it: "active", "paused", …, or RECORD_INACTIVE. */
export function stateWords(s: Pick<LiveSchedule, 'state' | 'mayStillFire'>): string {
  return recordOnlyPaused(s) ? RECORD_INACTIVE : s.state;
}

/**
 * Whether runs are to be expected (next runs, silence, the timeline): active schedules, and
 * record-only paused ones (nothing says the orchestrator stopped).
 */
export function expectedToFire(s: Pick<LiveSchedule, 'state' | 'mayStillFire'>): boolean {
  return s.state === 'active' || recordOnlyPaused(s);
}

/** The warning that goes with RECORD_INACTIVE (null when the state is what it says). */
export function stateWarning(s: Pick<LiveSchedule, 'state' | 'mayStillFire'>): string | null {
  return recordOnlyPaused(s) ? s.mayStillFire! : null;
}

/** What the delete confirmation offers and names (the editor words it; the CLI has --purge). */
export interface DeleteChoice {
  /** Whether archiving (the default) is offered; false when the source can only delete for good. */
  archive: boolean;
  /** The object that fires it and goes too (a CronJob's name), when the source named it. */
  nativeName: string | null;
}

export function deleteChoice(s: Pick<LiveSchedule, 'changes' | 'details' | 'match'>): DeleteChoice {
  return {
    archive: s.changes?.deleteArchives !== false,
    nativeName: s.details.CronJob ?? s.match?.nativeName ?? null,
  };
}
