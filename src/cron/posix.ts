// POSIX / Vixie cron (the `standard`, `vertex` and `github` dialects):
// 5 fields, names, ranges, steps, day-of-week 0-7 (0 and 7 = Sunday). Day of
// month and day of week combine with OR when both are restricted, where a
// field counts as unrestricted when it starts with `*` (Vixie's rule). As in Vixie
// cron (Debian's cron, the differential reference), a step needs a range or `*`
// (`1/5` is rejected) and presets are lower case.

import { type Bounds, CronParseError, DOW_NAMES, type FieldSpec, MONTH_NAMES, type Token, emptySpec, fieldError, tokenize, own } from './fields';

const BOUNDS: Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'dayOfMonth', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { field: 'dayOfWeek', min: 0, max: 7, names: DOW_NAMES },
];

function value(text: string, b: Bounds, token: Token): number {
  if (b.names) {
    const named = own(b.names, text.toLowerCase());
    if (named !== undefined) return named;
  }
  if (!/^[0-9]+$/.test(text)) {
    if (text === '') throw fieldError(b.field, token, `${JSON.stringify(token.text)} has an empty value`);
    if (/[LW#]/i.test(text) && /^[0-9LW#-]+$/i.test(text)) {
      throw fieldError(b.field, token, `${JSON.stringify(text)}: L, W and # are Quartz syntax, not standard cron`);
    }
    const hint = b.names ? ` or a name (${Object.keys(b.names).slice(0, 3).join(', ')}, ...)` : '';
    throw fieldError(b.field, token, `${JSON.stringify(text)} is not a number${hint}`);
  }
  const n = Number(text);
  if (n < b.min || n > b.max) throw fieldError(b.field, token, `${n} is out of range ${b.min}-${b.max}`);
  return n;
}

function parseField(token: Token, b: Bounds, bits: Uint8Array): void {
  if (token.text.includes('?')) {
    throw fieldError(b.field, token, '"?" is Quartz syntax; use "*" in standard cron');
  }
  for (const item of token.text.split(',')) {
    if (item === '') throw fieldError(b.field, token, `${JSON.stringify(token.text)} has an empty list item`);
    const slash = item.split('/');
    if (slash.length > 2) throw fieldError(b.field, token, `${JSON.stringify(item)} has more than one "/"`);
    let start: number;
    let end: number;
    if (slash[0] === '*') {
      start = b.min;
      end = b.field === 'dayOfWeek' ? 6 : b.max;
    } else {
      const dash = slash[0].split('-');
      if (dash.length > 2) throw fieldError(b.field, token, `${JSON.stringify(item)} has more than one "-"`);
      if (dash.length === 1 && slash.length === 2) {
        // Vixie cron rejects a step after a single value ("Step specified without range").
        throw fieldError(b.field, token, `${JSON.stringify(item)}: a step needs a range, such as */${slash[1]} or ${dash[0]}-${b.max}/${slash[1]}`);
      }
      start = value(dash[0], b, token);
      end = dash.length === 2 ? value(dash[1], b, token) : start;
      if (start > end) throw fieldError(b.field, token, `range ${dash[0]}-${dash[1]} runs backwards`);
    }
    let step = 1;
    if (slash.length === 2) {
      if (!/^[0-9]+$/.test(slash[1])) throw fieldError(b.field, token, `step ${JSON.stringify(slash[1])} is not a number`);
      step = Number(slash[1]);
      if (step === 0) throw fieldError(b.field, token, 'step 0 is not allowed');
    }
    for (let i = start; i <= end; i += step) bits[b.field === 'dayOfWeek' && i === 7 ? 0 : i] = 1;
  }
}

/** Parse a 5-field POSIX expression (presets already resolved). */
export function parsePosix(body: string, offset: number): FieldSpec {
  const tokens = tokenize(body, offset);
  if (tokens.length !== 5) {
    throw new CronParseError(`expected 5 fields, got ${tokens.length} (minute hour day-of-month month day-of-week)`, null, offset, offset + body.length);
  }
  const spec = emptySpec();
  spec.seconds[0] = 1;
  const targets = [spec.minutes, spec.hours, spec.dom, spec.months, spec.dow];
  tokens.forEach((t, i) => parseField(t, BOUNDS[i], targets[i]));
  spec.domStar = tokens[2].text.startsWith('*');
  spec.dowStar = tokens[4].text.startsWith('*');
  spec.dayOr = !spec.domStar && !spec.dowStar;
  spec.wildcardTime = tokens[0].text.startsWith('*') || tokens[1].text.startsWith('*');
  return spec;
}
