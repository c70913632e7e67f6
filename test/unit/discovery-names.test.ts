// Exact outputs of pythonNames.ts (which local names are ZenML's Schedule and @pipeline, and the datetime,
// zoneinfo, pytz and dateutil helpers) and of the import reading in pythonFacts.ts (extractImports).
// The other discovery tests only see whether a call is found; these pin every name of every set.
// Each expected value is worked out from what the import binds in Python: `from M import N as A` binds A
// (N's object), `import a.b.c` binds `a` (the dotted path stays usable), `import a.b as x` binds x (a.b itself).
// Then resolveNames' two documented defaults: a stdlib name (`datetime`, `timedelta`, `timezone`) that no import
// binds is the stdlib's, and in a module importing ZenML an unbound `pipeline` is ZenML's decorator (neither
// applies after a star import, which may bind anything).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { extractImports } from '../../src/discovery/pythonFacts';
import { firstIdentifiers, namesKey, resolveNames, type ImportFact, type PythonNames } from '../../src/discovery/pythonNames';

interface PlainNames {
  schedule: string[];
  pipelineDecorator: string[];
  datetimeClass: string[];
  timedelta: string[];
  timezoneClass: string[];
  utcConstants: string[];
  zoneFactories: string[];
  timezoneName: string | null;
  datetimeModule: string | null;
}

function plain(names: PythonNames): PlainNames {
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return {
    schedule: sorted(names.schedule),
    pipelineDecorator: sorted(names.pipelineDecorator),
    datetimeClass: sorted(names.datetimeClass),
    timedelta: sorted(names.timedelta),
    timezoneClass: sorted(names.timezoneClass),
    utcConstants: sorted(names.utcConstants),
    zoneFactories: sorted(names.zoneFactories),
    timezoneName: names.timezoneName,
    datetimeModule: names.datetimeModule,
  };
}

function importsOf(source: string): ImportFact[] {
  return extractImports(parser.parse(source), source);
}

function namesOf(source: string): PlainNames {
  return plain(resolveNames(importsOf(source)));
}

/** What a module with no stdlib import reads: the unbound `datetime`, `timedelta`, `timezone` are the stdlib's. */
const STDLIB_DEFAULTS = {
  datetimeClass: ['datetime', 'datetime.datetime'],
  timedelta: ['datetime.timedelta', 'timedelta'],
  timezoneClass: ['datetime.timezone', 'timezone'],
  // `<timezone class>.utc` for each timezone class name.
  utcConstants: ['datetime.timezone.utc', 'timezone.utc'],
};

const EMPTY = {
  schedule: [],
  pipelineDecorator: [],
  datetimeClass: [],
  timedelta: [],
  timezoneClass: [],
  utcConstants: [],
  zoneFactories: [],
  timezoneName: null,
  datetimeModule: null,
};

/** Expected names: nothing imported but the stdlib defaults, then the given sets. */
function expected(sets: Partial<PlainNames>): PlainNames {
  return { ...EMPTY, ...STDLIB_DEFAULTS, ...sets };
}

describe('resolveNames: ZenML Schedule and @pipeline', () => {
  it('a module without imports has only the stdlib defaults (no ZenML import: no unbound @pipeline)', () => {
    assert.deepEqual(namesOf('s = Schedule(cron_expression="0 3 * * *")\n'), expected({}));
    assert.deepEqual(plain(resolveNames([])), expected({}));
  });

  const cases: { source: string; schedule: string[]; pipelineDecorator: string[] }[] = [
    // The class's home since 0.20; the decorator is not imported, so the unbound `pipeline` is ZenML's.
    { source: 'from zenml.config.schedule import Schedule\n', schedule: ['Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml import pipeline, step\nfrom zenml.config import Schedule\n', schedule: ['Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml.pipelines import Schedule\n', schedule: ['Schedule'], pipelineDecorator: ['pipeline'] },
    // 0.6–0.13: the schedule module and the decorator both under zenml.pipelines.
    { source: 'from zenml.pipelines.schedule import Schedule\nfrom zenml.pipelines import pipeline\n', schedule: ['Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml.config.schedule import Schedule as ZenSchedule\n', schedule: ['ZenSchedule'], pipelineDecorator: ['pipeline'] },
    // `from zenml import Schedule` is not a module of SCHEDULE_MODULES: no Schedule name.
    { source: 'from zenml import Schedule\n', schedule: [], pipelineDecorator: ['pipeline'] },
    // A Schedule from another package, and a name other than Schedule from ZenML's module.
    { source: 'from myapp.models import Schedule\n', schedule: [], pipelineDecorator: [] },
    { source: 'from zenml.config.schedule import ScheduleEngine\n', schedule: [], pipelineDecorator: ['pipeline'] },
    // Submodules imported from their package: `config.Schedule` and `config.schedule.Schedule` both resolve.
    { source: 'from zenml import config\n', schedule: ['config.Schedule', 'config.schedule.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml import config as zc\n', schedule: ['zc.Schedule', 'zc.schedule.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml.config import schedule as sch\n', schedule: ['sch.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml.pipelines import schedule\n', schedule: ['schedule.Schedule'], pipelineDecorator: ['pipeline'] },
    // zenml.pipelines also holds the decorator: `zp.pipeline`.
    { source: 'from zenml import pipelines as zp\n', schedule: ['zp.Schedule', 'zp.schedule.Schedule'], pipelineDecorator: ['pipeline', 'zp.pipeline'] },
    // A config or schedule name from a module that is not ZenML's parent package binds no Schedule.
    { source: 'from zenml.pipelines import config\nfrom zenml.config import pipelines\n', schedule: [], pipelineDecorator: ['pipeline'] },
    { source: 'from zenml.steps import schedule\nfrom myapp import config, pipelines\n', schedule: [], pipelineDecorator: ['pipeline'] },
    // An aliased decorator: `pipeline` itself stays unbound, so both names are ZenML's.
    { source: 'from zenml import pipeline as zpipeline\n', schedule: [], pipelineDecorator: ['pipeline', 'zpipeline'] },
    // The decorator is only ZenML's in zenml and zenml.pipelines.
    { source: 'from zenml.steps import pipeline\n', schedule: [], pipelineDecorator: [] },
    // `pipeline` bound by another package: never ZenML's, though ZenML is imported.
    { source: 'from zenml.config import Schedule\nfrom kfp.dsl import pipeline\n', schedule: ['Schedule'], pipelineDecorator: [] },
    { source: 'from zenml.config import Schedule\nimport pipeline\n', schedule: ['Schedule'], pipelineDecorator: [] },
    { source: 'from zenml.config import Schedule\nimport mylib as pipeline\n', schedule: ['Schedule'], pipelineDecorator: [] },
    // A package whose name only starts with "zenml" is not ZenML.
    { source: 'import zenml_extras\nfrom zenmlx import step\n', schedule: [], pipelineDecorator: [] },
    // `import a.b.c` binds `a`: every full path from `zenml` is usable.
    {
      source: 'import zenml\n',
      schedule: ['zenml.config.Schedule', 'zenml.config.schedule.Schedule', 'zenml.pipelines.Schedule', 'zenml.pipelines.schedule.Schedule'],
      pipelineDecorator: ['pipeline', 'zenml.pipeline', 'zenml.pipelines.pipeline'],
    },
    {
      source: 'import zenml.config.schedule\n',
      schedule: ['zenml.config.Schedule', 'zenml.config.schedule.Schedule', 'zenml.pipelines.Schedule', 'zenml.pipelines.schedule.Schedule'],
      pipelineDecorator: ['pipeline', 'zenml.pipeline', 'zenml.pipelines.pipeline'],
    },
    // `import M as A` binds A to M itself.
    {
      source: 'import zenml as zn\n',
      schedule: ['zn.config.Schedule', 'zn.config.schedule.Schedule', 'zn.pipelines.Schedule', 'zn.pipelines.schedule.Schedule'],
      pipelineDecorator: ['pipeline', 'zn.pipeline', 'zn.pipelines.pipeline'],
    },
    { source: 'import zenml.config as zc\n', schedule: ['zc.Schedule', 'zc.schedule.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'import zenml.pipelines as zp\n', schedule: ['zp.Schedule', 'zp.schedule.Schedule'], pipelineDecorator: ['pipeline', 'zp.pipeline'] },
    { source: 'import zenml.config.schedule as zs\n', schedule: ['zs.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'import zenml.pipelines.schedule as zps\n', schedule: ['zps.Schedule'], pipelineDecorator: ['pipeline'] },
    { source: 'import zenml.steps as zst\n', schedule: [], pipelineDecorator: ['pipeline'] },
  ];
  for (const { source, schedule, pipelineDecorator } of cases) {
    it(JSON.stringify(source), () => assert.deepEqual(namesOf(source), expected({ schedule, pipelineDecorator })));
  }

  it('a star import binds Schedule from a schedule module, and blocks every default', () => {
    // Anything may come from a star import: no unbound stdlib names, no unbound `pipeline`.
    assert.deepEqual(namesOf('from zenml.config import *\n'), { ...EMPTY, schedule: ['Schedule'] });
    assert.deepEqual(namesOf('from zenml.pipelines import *\n'), { ...EMPTY, schedule: ['Schedule'], pipelineDecorator: ['pipeline'] });
    assert.deepEqual(namesOf('from zenml import *\n'), { ...EMPTY, pipelineDecorator: ['pipeline'] });
    assert.deepEqual(namesOf('from zenml.config.schedule import Schedule\nfrom helpers import *\n'), { ...EMPTY, schedule: ['Schedule'] });
  });
});

describe('resolveNames: datetime, zoneinfo, pytz, dateutil', () => {
  it('from datetime import datetime, timedelta, timezone: the names themselves, and the timezone for quick fixes', () => {
    assert.deepEqual(namesOf('from datetime import datetime, timedelta, timezone\n'), {
      ...EMPTY,
      datetimeClass: ['datetime'],
      timedelta: ['timedelta'],
      timezoneClass: ['timezone'],
      utcConstants: ['timezone.utc'],
      timezoneName: 'timezone',
    });
  });

  it('aliases bind only the alias; the unbound original names keep their stdlib defaults', () => {
    assert.deepEqual(namesOf('from datetime import datetime as dt, timedelta as td, timezone as tz, UTC\n'), {
      ...EMPTY,
      datetimeClass: ['datetime', 'datetime.datetime', 'dt'],
      timedelta: ['datetime.timedelta', 'td', 'timedelta'],
      timezoneClass: ['datetime.timezone', 'timezone', 'tz'],
      utcConstants: ['UTC', 'datetime.timezone.utc', 'timezone.utc', 'tz.utc'],
      timezoneName: 'tz',
    });
  });

  it('the first from-imported timezone name is the one quick fixes use; a star import names none', () => {
    assert.equal(namesOf('from datetime import timezone as tz1\nfrom datetime import timezone as tz2\n').timezoneName, 'tz1');
    assert.equal(namesOf('from datetime import *\nfrom datetime import timezone as tz\n').timezoneName, 'tz');
    assert.equal(namesOf('from datetime import datetime\n').timezoneName, null);
    // pytz.timezone is a zone factory, not datetime.timezone.
    assert.equal(namesOf('from pytz import timezone\n').timezoneName, null);
  });

  it('from datetime import *', () => {
    assert.deepEqual(namesOf('from datetime import *\n'), {
      ...EMPTY,
      datetimeClass: ['datetime'],
      timedelta: ['timedelta'],
      timezoneClass: ['timezone'],
      utcConstants: ['UTC', 'timezone.utc'],
    });
  });

  it('import datetime: the module paths, and the unbound timedelta / timezone', () => {
    assert.deepEqual(namesOf('import datetime\n'), {
      ...EMPTY,
      datetimeClass: ['datetime.datetime'],
      timedelta: ['datetime.timedelta', 'timedelta'],
      timezoneClass: ['datetime.timezone', 'timezone'],
      utcConstants: ['datetime.UTC', 'datetime.timezone.utc', 'timezone.utc'],
      datetimeModule: 'datetime',
    });
  });

  it('import datetime as dt: the alias paths, plus every default (datetime itself is unbound)', () => {
    assert.deepEqual(namesOf('import datetime as dt\n'), {
      ...EMPTY,
      datetimeClass: ['datetime', 'datetime.datetime', 'dt.datetime'],
      timedelta: ['datetime.timedelta', 'dt.timedelta', 'timedelta'],
      timezoneClass: ['datetime.timezone', 'dt.timezone', 'timezone'],
      utcConstants: ['datetime.timezone.utc', 'dt.UTC', 'dt.timezone.utc', 'timezone.utc'],
      datetimeModule: 'dt',
    });
    // The first module name wins.
    assert.equal(namesOf('import datetime as dt\nimport datetime\n').datetimeModule, 'dt');
  });

  it('a datetime / timedelta / timezone name from another package hides the stdlib default', () => {
    assert.deepEqual(namesOf('from mylib import datetime\n'), {
      ...EMPTY,
      timedelta: ['timedelta'],
      timezoneClass: ['timezone'],
      utcConstants: ['timezone.utc'],
    });
    assert.deepEqual(namesOf('from pendulum import timedelta, timezone\n'), {
      ...EMPTY,
      datetimeClass: STDLIB_DEFAULTS.datetimeClass,
      timedelta: ['datetime.timedelta'],
      timezoneClass: ['datetime.timezone'],
      utcConstants: ['datetime.timezone.utc'],
    });
  });

  it('zoneinfo.ZoneInfo', () => {
    assert.deepEqual(namesOf('from zoneinfo import ZoneInfo\n'), expected({ zoneFactories: ['ZoneInfo'] }));
    assert.deepEqual(namesOf('from zoneinfo import ZoneInfo as Z\n'), expected({ zoneFactories: ['Z'] }));
    assert.deepEqual(namesOf('import zoneinfo\n'), expected({ zoneFactories: ['zoneinfo.ZoneInfo'] }));
    assert.deepEqual(namesOf('import zoneinfo as zi\n'), expected({ zoneFactories: ['zi.ZoneInfo'] }));
    assert.deepEqual(namesOf('from zoneinfo import *\n'), { ...EMPTY, zoneFactories: ['ZoneInfo'] });
    // Another name from zoneinfo, and a ZoneInfo from elsewhere, are not factories.
    assert.deepEqual(namesOf('from zoneinfo import available_timezones\nfrom backports import ZoneInfo\n'), expected({}));
  });

  it('pytz: utc and UTC are UTC, timezone(...) takes a zone name', () => {
    assert.deepEqual(namesOf('import pytz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'pytz.UTC', 'pytz.utc', 'timezone.utc'], zoneFactories: ['pytz.timezone'] }));
    assert.deepEqual(namesOf('import pytz as pz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'pz.UTC', 'pz.utc', 'timezone.utc'], zoneFactories: ['pz.timezone'] }));
    assert.deepEqual(namesOf('from pytz import utc\n'), expected({ utcConstants: ['datetime.timezone.utc', 'timezone.utc', 'utc'] }));
    assert.deepEqual(namesOf('from pytz import UTC\n'), expected({ utcConstants: ['UTC', 'datetime.timezone.utc', 'timezone.utc'] }));
    // `timezone` is bound (to pytz's): no stdlib `timezone`, so no `timezone.utc`.
    assert.deepEqual(namesOf('from pytz import timezone\n'), {
      ...expected({}),
      timezoneClass: ['datetime.timezone'],
      utcConstants: ['datetime.timezone.utc'],
      zoneFactories: ['timezone'],
    });
    assert.deepEqual(namesOf('from pytz import timezone as pytz_timezone\n'), expected({ zoneFactories: ['pytz_timezone'] }));
    assert.deepEqual(namesOf('from pytz import *\n'), { ...EMPTY, utcConstants: ['UTC', 'utc'], zoneFactories: ['timezone'] });
    assert.deepEqual(namesOf('from pytz import country_timezones\n'), expected({}));
  });

  it('dateutil.tz: gettz(...) takes a zone name, UTC is UTC', () => {
    assert.deepEqual(namesOf('import dateutil.tz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'dateutil.tz.UTC', 'timezone.utc'], zoneFactories: ['dateutil.tz.gettz'] }));
    assert.deepEqual(namesOf('import dateutil.tz as dtz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'dtz.UTC', 'timezone.utc'], zoneFactories: ['dtz.gettz'] }));
    assert.deepEqual(namesOf('from dateutil.tz import gettz\n'), expected({ zoneFactories: ['gettz'] }));
    assert.deepEqual(namesOf('from dateutil.tz import UTC as DUTC\n'), expected({ utcConstants: ['DUTC', 'datetime.timezone.utc', 'timezone.utc'] }));
    assert.deepEqual(namesOf('from dateutil.tz import *\n'), { ...EMPTY, utcConstants: ['UTC'], zoneFactories: ['gettz'] });
    // `from dateutil import tz` (the usual spelling) binds the module dateutil.tz to `tz`.
    assert.deepEqual(namesOf('from dateutil import tz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'timezone.utc', 'tz.UTC'], zoneFactories: ['tz.gettz'] }));
    assert.deepEqual(namesOf('from dateutil import tz as dtz\n'), expected({ utcConstants: ['datetime.timezone.utc', 'dtz.UTC', 'timezone.utc'], zoneFactories: ['dtz.gettz'] }));
  });

  it('a module import of something else adds nothing', () => {
    assert.deepEqual(namesOf('import os, json as j\nimport email.utils\n'), expected({}));
  });
});

describe('extractImports: one fact per binding', () => {
  it('from-imports: module, names, aliases, star, end and top level', () => {
    const source = 'from zenml.config.schedule import Schedule as S, ScheduleEngine\nfrom datetime import *\n';
    assert.deepEqual(importsOf(source), [
      { form: 'from', module: 'zenml.config.schedule', name: 'Schedule', alias: 'S', topLevel: true, end: 63 },
      { form: 'from', module: 'zenml.config.schedule', name: 'ScheduleEngine', alias: null, topLevel: true, end: 63 },
      { form: 'from', module: 'datetime', name: '*', alias: null, topLevel: true, end: 86 },
    ]);
    // The statements end before their newlines.
    assert.equal(source.slice(0, 63), 'from zenml.config.schedule import Schedule as S, ScheduleEngine');
    assert.equal(source.slice(64, 86), 'from datetime import *');
  });

  it('a parenthesised list across lines', () => {
    const source = 'from datetime import (\n    datetime,\n    timezone as tz,\n)\n';
    assert.deepEqual(importsOf(source), [
      { form: 'from', module: 'datetime', name: 'datetime', alias: null, topLevel: true, end: source.length - 1 },
      { form: 'from', module: 'datetime', name: 'timezone', alias: 'tz', topLevel: true, end: source.length - 1 },
    ]);
  });

  it('module imports: dotted paths, aliases and several modules in one statement', () => {
    const source = 'import os, zenml.config as zc, dateutil.tz\n';
    const end = source.length - 1;
    assert.deepEqual(importsOf(source), [
      { form: 'import', module: 'os', name: null, alias: null, topLevel: true, end },
      { form: 'import', module: 'zenml.config', name: null, alias: 'zc', topLevel: true, end },
      { form: 'import', module: 'dateutil.tz', name: null, alias: null, topLevel: true, end },
    ]);
  });

  it('imports inside a function or after a semicolon are not at the top level', () => {
    const source = 'def main():\n    from zenml.config import Schedule\nx = 1; import datetime\n';
    assert.deepEqual(importsOf(source), [
      { form: 'from', module: 'zenml.config', name: 'Schedule', alias: null, topLevel: false, end: source.indexOf('Schedule') + 'Schedule'.length },
      { form: 'import', module: 'datetime', name: null, alias: null, topLevel: false, end: source.length - 1 },
    ]);
  });

  it('relative imports keep their dots', () => {
    const source = 'from .schedules import nightly\nfrom ..config import Schedule\n';
    assert.deepEqual(
      importsOf(source).map((fact) => [fact.module, fact.name]),
      [
        ['.schedules', 'nightly'],
        ['..config', 'Schedule'],
      ],
    );
  });
});

describe('namesKey and firstIdentifiers', () => {
  it('namesKey joins the sorted sets (schedule, pipeline, datetime, timedelta, timezone, UTC, zone factories)', () => {
    assert.equal(namesKey(resolveNames(importsOf('from zenml.config import *\n'))), 'Schedule||||||');
    assert.equal(
      namesKey(resolveNames(importsOf('from zenml.config import *\nfrom datetime import *\nfrom zoneinfo import ZoneInfo\n'))),
      'Schedule||datetime|timedelta|timezone|UTC,timezone.utc|ZoneInfo',
    );
    assert.equal(
      namesKey(resolveNames(importsOf('import zenml as zn\n'))),
      'zn.config.Schedule,zn.config.schedule.Schedule,zn.pipelines.Schedule,zn.pipelines.schedule.Schedule|pipeline,zn.pipeline,zn.pipelines.pipeline|' +
        'datetime,datetime.datetime|datetime.timedelta,timedelta|datetime.timezone,timezone|datetime.timezone.utc,timezone.utc|',
    );
  });

  it('namesKey changes exactly when the names change', () => {
    const key = (source: string): string => namesKey(resolveNames(importsOf(source)));
    assert.equal(key('from zenml.config import Schedule\n'), key('from zenml.config.schedule import Schedule\n'));
    assert.notEqual(key('from zenml.config import Schedule\n'), key('from zenml.config import Schedule as S\n'));
  });

  it('firstIdentifiers: the head of each path, once, in first-seen order', () => {
    assert.deepEqual(firstIdentifiers(['zs.Schedule', 'Schedule', 'zs.schedule.Schedule', 'zenml.config.Schedule']), ['zs', 'Schedule', 'zenml']);
    assert.deepEqual(firstIdentifiers(new Set<string>()), []);
  });
});
