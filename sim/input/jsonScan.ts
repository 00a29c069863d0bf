/**
 * A JSON syntax scanner: the same line/column message in every JS engine, and duplicate keys
 * reported (JSON.parse silently keeps the last one), and nesting bounded so hostile input is a
 * message rather than a stack overflow. Used before JSON.parse on scenario, sweep and sensitivity files.
 */

type PathKey = string | number;

/** A syntax problem: `(json)` or the duplicated field's dotted path, and the reason. */
export interface JsonIssue {
  path: string;
  message: string;
}

const formatPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * The deepest nesting of objects and arrays accepted. Real inputs nest a handful of levels;
 * a limit well below what the scanner, JSON.parse and the validators can recurse through
 * turns a hostile file into a one-line message instead of a stack overflow.
 */
export const MAX_JSON_DEPTH = 64;


/** A problem at character `offset`; `path` is set for a duplicate field. */
class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly reason: string;
  readonly path: string | undefined;

  constructor(offset: number, reason: string, path?: string) {
    super(reason);
    this.offset = offset;
    this.reason = reason;
    this.path = path;
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** The first syntax error or duplicate key in `text`, or undefined if it is valid JSON. */
export function scanJson(text: string): JsonIssue | undefined {
  try {
    const end = scanValue(text, skipSpace(text, 0), []);
    const rest = skipSpace(text, end);
    if (rest < text.length) throw new JsonSyntaxError(rest, `unexpected ${found(text, rest)} after the end of the document`);
    return undefined;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { path: e.path ?? '(json)', message: `${e.reason} at ${lineColumn(text, e.offset)}` };
  }
}

const found = (text: string, at: number): string => (at >= text.length ? 'end of input' : JSON.stringify(text[at]));

function skipSpace(text: string, at: number): number {
  while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  return at;
}

function consume(text: string, at: number, char: string, what: string): number {
  if (text[at] !== char) throw new JsonSyntaxError(at, `expected ${what}, found ${found(text, at)}`);
  return at + 1;
}

/** Scans one value starting at `at` (no leading space); returns the offset after it. */
function scanValue(text: string, at: number, path: PathKey[]): number {
  const c = text[at];
  if ((c === '{' || c === '[') && path.length >= MAX_JSON_DEPTH) {
    throw new JsonSyntaxError(at, `nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  if (c === '{') return scanObject(text, at, path);
  if (c === '[') return scanArray(text, at, path);
  if (c === '"') return scanString(text, at);
  if (c === '-' || (c >= '0' && c <= '9')) return scanNumber(text, at);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return at + word.length;
  throw new JsonSyntaxError(at, `expected a value, found ${found(text, at)}`);
}

function scanObject(text: string, at: number, path: PathKey[]): number {
  const seen = new Set<string>();
  at = skipSpace(text, at + 1);
  if (text[at] === '}') return at + 1;
  for (;;) {
    if (text[at] !== '"') throw new JsonSyntaxError(at, `expected a field name in double quotes, found ${found(text, at)}`);
    const keyEnd = scanString(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    if (seen.has(key)) throw new JsonSyntaxError(at, 'duplicate field', formatPath([...path, key]));
    seen.add(key);
    at = consume(text, skipSpace(text, keyEnd), ':', '":" after a field name');
    at = skipSpace(text, scanValue(text, skipSpace(text, at), [...path, key]));
    if (text[at] === '}') return at + 1;
    at = skipSpace(text, consume(text, at, ',', '"," or "}" after a field value'));
  }
}

function scanArray(text: string, at: number, path: PathKey[]): number {
  at = skipSpace(text, at + 1);
  if (text[at] === ']') return at + 1;
  for (let index = 0; ; index++) {
    at = skipSpace(text, scanValue(text, at, [...path, index]));
    if (text[at] === ']') return at + 1;
    at = skipSpace(text, consume(text, at, ',', '"," or "]" after an array element'));
  }
}

function scanString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c < ' ') throw new JsonSyntaxError(i, 'control character in a string (use \\n, \\t, …)');
    if (c === '\\') {
      const esc = text[i + 1];
      if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 1;
      else throw new JsonSyntaxError(i, 'invalid escape in a string');
    }
  }
  throw new JsonSyntaxError(at, 'unterminated string');
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanNumber(text: string, at: number): number {
  NUMBER.lastIndex = at;
  if (!NUMBER.test(text)) throw new JsonSyntaxError(at, `invalid number`);
  return NUMBER.lastIndex;
}
