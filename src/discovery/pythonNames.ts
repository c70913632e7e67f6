// Which local names refer to ZenML's Schedule, the @pipeline decorator and the
// datetime helpers, given the imports of a module. Pure data in, data out.

/** One imported binding, as written. Offsets are document offsets. */
export interface ImportFact {
  /** `from M import ...`: 'from'; `import M`: 'import'. */
  form: 'from' | 'import';
  /** The module: `M`. */
  module: string;
  /** `from M import N`: N ('*' for a star import); null for `import M`. */
  name: string | null;
  alias: string | null;
  /** Whether the import statement is at the top level of the module (for where to insert new imports). */
  topLevel: boolean;
  /** Offset just after the import statement. */
  end: number;
}

export interface PythonNames {
  /** Dotted callee paths that construct a ZenML Schedule (`Schedule`, `zs.Schedule`, `zenml.config.Schedule`). */
  schedule: Set<string>;
  /** Dotted paths of ZenML's pipeline decorator. */
  pipelineDecorator: Set<string>;
  datetimeClass: Set<string>;
  timedelta: Set<string>;
  /** `datetime.timezone` (the class: `timezone.utc`, `timezone(timedelta(...))`). */
  timezoneClass: Set<string>;
  /** Expressions that are UTC itself (`datetime.UTC`, `pytz.utc`). */
  utcConstants: Set<string>;
  /** Callables taking an IANA zone name (`ZoneInfo`, `pytz.timezone`, `dateutil.tz.gettz`). */
  zoneFactories: Set<string>;
  /** Local name bound to datetime.timezone by a from-import, for quick fixes. */
  timezoneName: string | null;
  /** Local name of `import datetime`. */
  datetimeModule: string | null;
}

/**
 * Every public module that exports ZenML's Schedule in the releases users run: `zenml.config.schedule` (the
 * class's home since 0.20), `zenml.config` and `zenml.pipelines` (both re-export it in 0.98), and
 * `zenml.pipelines.schedule` (its home in 0.6–0.13).
 */
const SCHEDULE_MODULES = new Set(['zenml.config.schedule', 'zenml.config', 'zenml.pipelines', 'zenml.pipelines.schedule']);
const PIPELINE_MODULES = new Set(['zenml', 'zenml.pipelines']);

export function resolveNames(imports: readonly ImportFact[]): PythonNames {
  const names: PythonNames = {
    schedule: new Set(),
    pipelineDecorator: new Set(),
    datetimeClass: new Set(),
    timedelta: new Set(),
    timezoneClass: new Set(),
    utcConstants: new Set(),
    zoneFactories: new Set(),
    timezoneName: null,
    datetimeModule: null,
  };
  for (const fact of imports) {
    if (fact.form === 'from') addFromImport(names, fact);
    else addModuleImport(names, fact);
  }
  addUnimportedStdlibNames(names, imports);
  addUnimportedPipelineDecorator(names, imports);
  for (const tz of names.timezoneClass) names.utcConstants.add(`${tz}.utc`);
  return names;
}

/**
 * Code pasted from the docs often uses `datetime.now()` before the import is
 * written. A name that no import binds can only be meant as the standard
 * library's, so `datetime`, `timedelta` and `timezone` are read as such then.
 */
function addUnimportedStdlibNames(names: PythonNames, imports: readonly ImportFact[]): void {
  const bound = new Set<string>();
  for (const fact of imports) {
    if (fact.form === 'from') bound.add(fact.alias ?? fact.name ?? '');
    else bound.add(fact.alias ?? fact.module.split('.')[0]);
  }
  if (bound.has('*')) return;
  if (!bound.has('datetime')) {
    // `datetime` alone is the class (`from datetime import datetime`, the docs' usual import); `datetime.x`
    // is the module's (`import datetime`).
    names.datetimeClass.add('datetime').add('datetime.datetime');
    names.timedelta.add('datetime.timedelta');
    names.timezoneClass.add('datetime.timezone');
  }
  if (!bound.has('timedelta')) names.timedelta.add('timedelta');
  if (!bound.has('timezone')) names.timezoneClass.add('timezone');
}

/**
 * The docs' blocks often decorate with `@pipeline` and import only what the block is about
 * (`from zenml.config.schedule import Schedule`). In a module that imports ZenML, a `pipeline` that no import
 * binds (and no star import may bind) can only be meant as ZenML's decorator.
 */
function addUnimportedPipelineDecorator(names: PythonNames, imports: readonly ImportFact[]): void {
  if (!imports.some((fact) => fact.module.split('.')[0] === 'zenml')) return;
  const binds = (fact: ImportFact): string =>
    fact.form === 'from' ? (fact.alias ?? fact.name ?? '') : (fact.alias ?? fact.module.split('.')[0]);
  if (imports.some((fact) => binds(fact) === 'pipeline' || binds(fact) === '*')) return;
  names.pipelineDecorator.add('pipeline');
}

function addFromImport(names: PythonNames, fact: ImportFact): void {
  const { module } = fact;
  const name = fact.name ?? '';
  const star = name === '*';
  const local = fact.alias ?? name;
  const binds = (wanted: string): boolean => star || name === wanted;
  const localOf = (wanted: string): string => (star ? wanted : local);

  if (SCHEDULE_MODULES.has(module) && binds('Schedule')) names.schedule.add(localOf('Schedule'));
  if (module === 'zenml' && name === 'config') {
    names.schedule.add(`${local}.Schedule`).add(`${local}.schedule.Schedule`);
  }
  if (module === 'zenml.config' && name === 'schedule') names.schedule.add(`${local}.Schedule`);
  if (module === 'zenml' && name === 'pipelines') names.schedule.add(`${local}.Schedule`).add(`${local}.schedule.Schedule`);
  if (module === 'zenml.pipelines' && name === 'schedule') names.schedule.add(`${local}.Schedule`);
  if (PIPELINE_MODULES.has(module) && binds('pipeline')) names.pipelineDecorator.add(localOf('pipeline'));
  if (module === 'zenml' && name === 'pipelines') names.pipelineDecorator.add(`${local}.pipeline`);

  if (module === 'datetime') {
    if (binds('datetime')) names.datetimeClass.add(localOf('datetime'));
    if (binds('timedelta')) names.timedelta.add(localOf('timedelta'));
    if (binds('timezone')) {
      names.timezoneClass.add(localOf('timezone'));
      if (!star && names.timezoneName === null) names.timezoneName = local;
    }
    if (binds('UTC')) names.utcConstants.add(localOf('UTC'));
  }
  if (module === 'zoneinfo' && binds('ZoneInfo')) names.zoneFactories.add(localOf('ZoneInfo'));
  if (module === 'pytz') {
    if (binds('utc')) names.utcConstants.add(localOf('utc'));
    if (binds('UTC')) names.utcConstants.add(localOf('UTC'));
    if (binds('timezone')) names.zoneFactories.add(localOf('timezone'));
  }
  if (module === 'dateutil.tz') {
    if (binds('gettz')) names.zoneFactories.add(localOf('gettz'));
    if (binds('UTC')) names.utcConstants.add(localOf('UTC'));
  }
  // `from dateutil import tz` (dateutil's documented spelling, `tz.gettz("Europe/Berlin")`) binds the module.
  if (module === 'dateutil' && name === 'tz') addStdlibModule(names, 'dateutil.tz', local);
}

function addModuleImport(names: PythonNames, fact: ImportFact): void {
  const { module, alias } = fact;
  if (alias !== null) {
    // `import M as A`: A is the module M itself.
    if (SCHEDULE_MODULES.has(module)) names.schedule.add(`${alias}.Schedule`);
    if (module === 'zenml.config' || module === 'zenml.pipelines') names.schedule.add(`${alias}.schedule.Schedule`);
    if (module === 'zenml') {
      names.schedule.add(`${alias}.config.Schedule`).add(`${alias}.config.schedule.Schedule`);
      names.schedule.add(`${alias}.pipelines.Schedule`).add(`${alias}.pipelines.schedule.Schedule`);
      names.pipelineDecorator.add(`${alias}.pipeline`).add(`${alias}.pipelines.pipeline`);
    }
    if (module === 'zenml.pipelines') names.pipelineDecorator.add(`${alias}.pipeline`);
    addStdlibModule(names, module, alias);
    return;
  }
  // `import a.b.c` binds `a`; the full dotted path is usable.
  const root = module.split('.')[0];
  if (root === 'zenml') {
    names.schedule.add('zenml.config.Schedule').add('zenml.config.schedule.Schedule');
    names.schedule.add('zenml.pipelines.Schedule').add('zenml.pipelines.schedule.Schedule');
    names.pipelineDecorator.add('zenml.pipeline').add('zenml.pipelines.pipeline');
  }
  addStdlibModule(names, module, module);
}

function addStdlibModule(names: PythonNames, module: string, local: string): void {
  if (module === 'datetime') {
    names.datetimeClass.add(`${local}.datetime`);
    names.timedelta.add(`${local}.timedelta`);
    names.timezoneClass.add(`${local}.timezone`);
    names.utcConstants.add(`${local}.UTC`);
    if (names.datetimeModule === null) names.datetimeModule = local;
  }
  if (module === 'zoneinfo') names.zoneFactories.add(`${local}.ZoneInfo`);
  if (module === 'pytz') {
    names.utcConstants.add(`${local}.utc`).add(`${local}.UTC`);
    names.zoneFactories.add(`${local}.timezone`);
  }
  if (module === 'dateutil.tz') {
    names.zoneFactories.add(`${local}.gettz`);
    names.utcConstants.add(`${local}.UTC`);
  }
}

/** A key that changes exactly when the names change (for caches). */
export function namesKey(names: PythonNames): string {
  const sets = [names.schedule, names.pipelineDecorator, names.datetimeClass, names.timedelta, names.timezoneClass, names.utcConstants, names.zoneFactories];
  return sets.map((set) => [...set].sort().join(',')).join('|');
}

/** The first identifier of each dotted path: a unit that mentions none of them cannot use the paths. */
export function firstIdentifiers(paths: Iterable<string>): string[] {
  const heads = new Set<string>();
  for (const path of paths) heads.add(path.split('.')[0]);
  return [...heads];
}
