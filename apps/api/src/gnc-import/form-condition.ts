/**
 * The `condition` of a GeoNature-citizen form layout item (Angular JSON Schema Form), e.g.
 * `type_obs=='nid'` or `model.count > 0`, as the JSON Schema a Citizen form tests answers with
 * (the `if` of an if/then). Only comparisons of a top-level answer with a literal, a field's
 * truthiness, and chains of them joined by one kind of && or || are understood; anything else
 * (function bodies, parentheses, arithmetic) returns null, and the caller reports it.
 */
export type ConditionSchema = Record<string, unknown>;

type Literal = string | number | boolean | null;

const FIELD = String.raw`(?:model\.)?([A-Za-z_$][\w$]*)`;
const LITERAL = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)`;
const COMPARISON = new RegExp(String.raw`^${FIELD}\s*(===|!==|==|!=|>=|<=|>|<)\s*${LITERAL}$`);
const REVERSED = new RegExp(String.raw`^${LITERAL}\s*(===|!==|==|!=)\s*${FIELD}$`);
const TRUTHY = new RegExp(String.raw`^(!?)\s*${FIELD}$`);
/** What JavaScript counts as false among JSON answers. */
const FALSY: Literal[] = [false, 0, '', null];

export function conditionSchema(condition: unknown): ConditionSchema | null {
  const text = typeof condition === 'string' ? condition.trim() : '';
  if (!text || /[()]/.test(text)) return null;
  const joiner = text.includes('&&') ? '&&' : text.includes('||') ? '||' : null;
  if (joiner === '&&' && text.includes('||')) return null;
  const terms = (joiner ? text.split(joiner) : [text]).map((t) => termSchema(t.trim()));
  if (terms.some((t) => t === null)) return null;
  if (terms.length === 1) return terms[0]!;
  return joiner === '&&' ? { allOf: terms } : { anyOf: terms };
}

function termSchema(term: string): ConditionSchema | null {
  const comparison = COMPARISON.exec(term);
  if (comparison) return compare(comparison[1]!, comparison[2]!, literal(comparison[3]!));
  const reversed = REVERSED.exec(term);
  if (reversed) return compare(reversed[3]!, reversed[2]!, literal(reversed[1]!));
  const truthy = TRUTHY.exec(term);
  if (truthy) {
    const isTruthy = {
      properties: { [truthy[2]!]: { not: { enum: FALSY } } },
      required: [truthy[2]!],
    };
    return truthy[1] ? { not: isTruthy } : isTruthy;
  }
  return null;
}

function compare(field: string, operator: string, value: Literal): ConditionSchema | null {
  const on = (schema: object, required = true) => ({
    properties: { [field]: schema },
    ...(required && { required: [field] }),
  });
  switch (operator) {
    case '==':
    case '===':
      return on({ const: value });
    case '!=':
    case '!==':
      // An unanswered field differs from any value, as it does in the browser.
      return on({ not: { const: value } }, false);
    default:
      if (typeof value !== 'number') return null;
      return on({
        type: 'number',
        ...{ '>': { exclusiveMinimum: value }, '>=': { minimum: value } }[operator],
        ...{ '<': { exclusiveMaximum: value }, '<=': { maximum: value } }[operator],
      });
  }
}

function literal(text: string): Literal {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  return JSON.parse(text) as Literal;
}
