/**
 * SQL for the Logs search (`shared/log-search-syntax.ts`): conditions on the `logs` row, its level,
 * trace, body and its attributes JSON. Logs keep attributes as the SDK sent them, typed
 * (`{"customer":{"value":"c3","type":"string"}}`), so a value is read at `$."key".value` (or `$."key"`
 * for an untyped one) and compared as JSON text: `"c3"` for a string, `3` or `true` for a number or
 * a boolean, so `count:3` and `flag:true` match what the SDK typed. Every exact value and every `has:`
 * first needs its JSON text inside the row's attributes text (`instr`, no JSON parse), so the
 * bounded scan parses only the rows that may match. Values compare case-sensitively, as Sentry's do.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#log-envelope-item-payload
 * @see https://docs.sentry.io/concepts/search/searchable-properties/logs/
 */
import { traceIdForms } from './trace-id';
import type { LogAttributeFilter, LogSearch } from '../../shared/log-search-syntax';

/** LIKE pattern for a substring: `%`, `_` and the escape character itself match literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The body as the reader sees it: a coloured line is searched by its words, not its escape codes. */
export const SHOWN_BODY = '(CASE WHEN instr(body, char(27)) > 0 THEN strip_ansi(body) ELSE body END)';

/** A Sentry `*` pattern as a case-sensitive GLOB: `?`, `[` and `]` typed are literal. */
export function globPattern(value: string): string {
  return value.replace(/[?[\]]/g, (c) => `[${c}]`);
}

/** The JSON texts an attribute typed as `value` may have been stored with. */
export function jsonForms(value: string): string[] {
  const forms = [JSON.stringify(value)];
  if (value === 'true' || value === 'false') forms.push(value);
  else if (value.trim() !== '' && Number.isFinite(Number(value))) forms.push(String(Number(value)));
  return forms;
}

export interface SearchSql { conditions: string[]; args: Record<string, unknown> }

/** Builds the conditions; `args` names start with `s` so they never meet the list query's own. */
export function logSearchSql(search: LogSearch): SearchSql {
  const conditions: string[] = [];
  const args: Record<string, unknown> = {};
  let n = 0;
  const arg = (value: unknown): string => { const name = `s${n++}`; args[name] = value; return `@${name}`; };

  for (const level of search.levels) {
    conditions.push(`${level.negate ? 'NOT ' : ''}coalesce(lower(level) IN (${level.values.map(arg).join(', ')}), 0)`);
  }
  for (const id of search.traces) {
    const forms = traceIdForms(id) ?? [id, id];
    conditions.push(`trace_id IN (${arg(forms[0])}, ${arg(forms[1])})`);
  }
  for (const m of search.messages) {
    const match = m.value.includes('*') ? `${SHOWN_BODY} GLOB ${arg(globPattern(m.value))}` : `${SHOWN_BODY} LIKE ${arg(likePattern(m.value))} ESCAPE '\\'`;
    conditions.push(m.negate ? `NOT coalesce(${match}, 0)` : match);
  }
  for (const h of search.has) {
    const present = `(instr(attributes, ${arg(`${JSON.stringify(h.key)}:`)}) > 0 AND json_valid(attributes) AND json_type(attributes, ${arg(`$."${h.key}"`)}) IS NOT NULL)`;
    conditions.push(h.negate ? `NOT coalesce(${present}, 0)` : present);
  }
  for (const f of search.attributes) conditions.push(attributeCondition(f, arg));
  if (search.text) conditions.push(`${SHOWN_BODY} LIKE ${arg(likePattern(search.text))} ESCAPE '\\'`);
  return { conditions, args };
}

function attributeCondition(f: LogAttributeFilter, arg: (value: unknown) => string): string {
  const typed = arg(`$."${f.key}".value`);
  const untyped = arg(`$."${f.key}"`);
  const keyed = `instr(attributes, ${arg(`${JSON.stringify(f.key)}:`)}) > 0 AND json_valid(attributes)`;
  let match: string;
  if (f.compare) {
    const value = `coalesce(json_extract(attributes, ${typed}), json_extract(attributes, ${untyped}))`;
    match = `(${keyed} AND typeof(${value}) IN ('integer', 'real') AND ${value} ${f.compare.op} ${arg(f.compare.value)})`;
  } else {
    const json = `coalesce(attributes -> ${typed}, attributes -> ${untyped})`;
    const tests = f.values.map((value) => {
      if (value.includes('*')) return `coalesce(json_extract(attributes, ${typed}), json_extract(attributes, ${untyped})) GLOB ${arg(globPattern(value))}`;
      const forms = jsonForms(value);
      // The value's JSON text must be in the row before any JSON is parsed.
      return `((${forms.map((form) => `instr(attributes, ${arg(form)}) > 0`).join(' OR ')}) AND ${json} IN (${forms.map(arg).join(', ')}))`;
    });
    match = `(${keyed} AND (${tests.join(' OR ')}))`;
  }
  return f.negate ? `NOT coalesce(${match}, 0)` : match;
}
