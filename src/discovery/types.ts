// What discovery finds in a document. Plain data, no vscode.
// Positions are 0-based lines and UTF-16 columns, as in VS Code; the command
// line adds 1 to both when it prints them. Range ends are exclusive.

import type { CellSpan } from './notebook';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type FieldValue =
  /** A string known statically: a literal, an implicit concatenation, or an f-string without fields. */
  | {
      kind: 'string';
      value: string;
      range: Range;
      /** Each literal of an implicit concatenation (one element for a single literal). */
      parts: Range[];
      /**
       * Set only when the value is one plain literal on one line whose characters map 1:1 to the
       * source (no escapes): the position of the value's first character, so that an offset inside
       * the value maps to `{line, character: contentStart.character + offset}`.
       */
      contentStart?: Position;
    }
  /** A number; for interval_second a timedelta(...) is converted to seconds. */
  | { kind: 'number'; value: number; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | {
      kind: 'datetime';
      /**
       * ISO-8601 when the instant is known statically (a literal datetime(...) or ISO string), else null (now()).
       * Aware values are normalised to UTC with `Z` (`2026-01-01T06:00:00Z`); naive values are the wall time
       * without an offset (`2026-01-01T08:00:00`), which ZenML reads in the local zone of the machine.
       */
      iso: string | null;
      /** Has a time zone (tzinfo=..., now(timezone.utc), an ISO string with an offset). */
      aware: boolean;
      source: 'datetime' | 'now' | 'utcnow' | 'string';
      range: Range;
      /** For datetime(...)/now() calls: where to insert `, tzinfo=...` / the zone argument (before the closing parenthesis). */
      argsEnd?: Position;
      /** True when the call already has arguments (so an inserted argument needs a leading comma). */
      hasArgs?: boolean;
    }
  | { kind: 'none'; range: Range }
  /** Not knowable statically (a variable, a call, an expression): never guessed. */
  | { kind: 'unknown'; text: string; range: Range };

export interface ScheduleField {
  /** The keyword (Python) or key (YAML) as written, misspelt ones included. */
  name: string;
  keyRange: Range;
  value: FieldValue;
}

export type AttachmentVia = 'with_options' | 'configure' | 'run' | 'yaml';

export interface Attachment {
  via: AttachmentVia;
  /** Python: the `schedule` keyword of the call; YAML: the `schedule` key. */
  keywordRange: Range;
  /** The pipeline the call is made on (`my_pipeline.with_options(...)` gives `my_pipeline`), or null. */
  pipeline: string | null;
}

export interface DiscoveredSchedule {
  language: 'python' | 'yaml';
  /** Python: the whole `Schedule(...)` call; YAML: the `schedule:` mapping. */
  range: Range;
  /** Python: the `Schedule` name of the call; YAML: the `schedule` key. */
  nameRange: Range;
  /** Every keyword or key, unknown ones included, in source order. */
  fields: ScheduleField[];
  /** True when the call has positional or ** arguments: what it sets cannot be known fully. */
  hasOpaqueArguments: boolean;
  /** Where the schedule is attached to a pipeline (may be several, or none). */
  attachments: Attachment[];
  /** The pipeline: the decorated function's name when it can be resolved, else the attached object's name, else null. */
  pipeline: string | null;
  /** The variable the Schedule is assigned to, if any. */
  variable: string | null;
  /** Set for an `on.schedule` entry of a GitHub Actions workflow file (githubWorkflow.ts): its `timezone:` key, if any. */
  github?: { timezone: { keyRange: Range; value: FieldValue } | null };
  /**
   * The `schedule_timezone` of the document's orchestrator settings (Databricks reads the cron in it), when
   * the document sets exactly one, as a plain literal: `DatabricksOrchestratorSettings(schedule_timezone="…")`
   * or a settings dict in Python, `settings: orchestrator.databricks: schedule_timezone:` in YAML. Not validated.
   */
  scheduleTimezone?: string;
}

/** A problem of the document itself rather than of one schedule. */
export interface DocumentProblem {
  /** yaml-syntax: the run configuration does not parse; duplicate-key: a key repeated in one mapping. */
  code: 'yaml-syntax' | 'duplicate-key';
  message: string;
  /** yaml-syntax: where the parser stops; duplicate-key: the earlier key (the last one wins). */
  range: Range;
}

export interface DiscoveryResult {
  schedules: DiscoveredSchedule[];
  /** `schedule=` keywords inside `@pipeline(...)` decorators (ZenML does not accept them). */
  pipelineDecoratorScheduleArgs: Range[];
  /** `schedule=Schedule` (the class itself, not an instance): the value's range. ZenML raises on it. */
  scheduleClassArgs: Range[];
  problems: DocumentProblem[];
  /**
   * Orchestrator flavors named by `orchestrator.<flavor>` settings keys (`@pipeline(settings=...)`,
   * `with_options(settings=...)`, YAML `settings:`), each once, in order of appearance.
   */
  settingsFlavors: string[];
  /** Whether a `schedule_timezone` setting (Databricks needs one for cron) is set in this document. */
  scheduleTimezoneSet: boolean;
  /** Imports that quick fixes need: the local names bound to `datetime.timezone` (empty when not imported). */
  imports: { timezone: string | null; datetimeModule: string | null };
  /** Where a new import line can go (after the last top-level import), for quick fixes. */
  importInsertLine: number;
  /** Notebooks only: where each code cell lies in the joined module that the ranges refer to. */
  notebook?: { spans: CellSpan[] };
}
