// Plain-words descriptions through cronstrue, with each dialect's fields
// rearranged into the form cronstrue reads (seconds first, Quartz weekdays).

import cronstrue from 'cronstrue';

const cache = new Map<string, string>();

/** cronstrue in 24-hour format; "" when cronstrue cannot read it. */
export function describeFields(expression: string, sundayIsOne = false): string {
  const key = (sundayIsOne ? '1' : '0') + expression;
  let text = cache.get(key);
  if (text === undefined) {
    try {
      text = cronstrue.toString(expression, {
        use24HourTimeFormat: true,
        throwExceptionOnParseError: true,
        dayOfWeekStartIndexZero: !sundayIsOne,
        verbose: false,
      });
    } catch {
      text = '';
    }
    if (cache.size > 2000) cache.clear();
    cache.set(key, text);
  }
  return text;
}
