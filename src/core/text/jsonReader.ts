// A small strict JSON reader for files people edit by hand (sidecars): every
// error names its line, duplicate keys are refused, and the line of every
// value is kept by its path (`tags[3].start`) so that a later check can name
// the line of a wrong field too.

/** Invalid JSON; the message is one line starting with `line N, column M:` (`line N:` for a duplicate key). */
export class JsonError extends Error {
  constructor(
    readonly line: number,
    detail: string,
    readonly column?: number,
  ) {
    super(`line ${line}${column !== undefined ? `, column ${column}` : ''}: ${detail}`);
    this.name = 'JsonError';
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON object as read (no prototype). */
export type Obj = Record<string, unknown>;

/** The path of `key` inside `path` (`tags[3]` + `start` → `tags[3].start`). */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A user string for a one-line message: JSON-quoted (no raw newlines) and cut to 40 characters. */
export function short(s: string): string {
  const q = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  return q;
}

/** A small strict JSON reader that remembers the line of every value (by path: `tags[3].start`) and rejects duplicate keys. */
export class JsonReader {
  readonly lines = new Map<string, number>();
  /** The UTF-16 span [start, end) of every value in the text, by path (an edit of the file that keeps its formatting). */
  readonly spans = new Map<string, [number, number]>();
  private i = 0;
  private line = 1;
  /** Where the current line starts. */
  private lineStart = 0;
  private depth = 0;

  constructor(private readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  parse(): unknown {
    this.ws();
    if (this.i >= this.s.length) this.fail('invalid JSON: the file is empty');
    const v = this.value('');
    this.ws();
    if (this.i < this.s.length) this.fail(`invalid JSON: unexpected ${this.describe()} after the end of the data`);
    return v;
  }

  private fail(msg: string): never {
    // columns count characters (code points) from 1
    throw new JsonError(this.line, msg, msg.startsWith('invalid JSON') ? [...this.s.slice(this.lineStart, this.i)].length + 1 : undefined);
  }

  private describe(): string {
    if (this.i >= this.s.length) return 'end of file';
    const c = String.fromCodePoint(this.s.codePointAt(this.i)!);
    return JSON.stringify(c);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.i++;
      else if (c === 0x0a) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else break;
    }
  }

  private value(path: string): unknown {
    this.ws();
    const start = this.i;
    const v = this.bare(path);
    this.spans.set(path, [start, this.i]);
    return v;
  }

  private bare(path: string): unknown {
    this.lines.set(path, this.line);
    const c = this.s[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`invalid JSON: unexpected ${this.describe()}, expected a value`);
  }

  private nest(): void {
    if (++this.depth > 32) this.fail('invalid JSON: nested too deeply');
  }

  private object(path: string): Obj {
    this.nest();
    this.i++;
    const o: Obj = Object.create(null) as Obj;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      this.depth--;
      return o;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail(`invalid JSON: unexpected ${this.describe()}, expected a key in double quotes`);
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(o, key)) this.fail(`${join(path, key)} appears twice`);
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`invalid JSON: unexpected ${this.describe()}, expected ":"`);
      this.i++;
      o[key] = this.value(join(path, key));
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ',') continue;
      if (c === '}') break;
      this.i--;
      this.fail(`invalid JSON: unexpected ${this.describe()}, expected "," or "}"`);
    }
    this.depth--;
    return o;
  }

  private array(path: string): unknown[] {
    this.nest();
    this.i++;
    const a: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      this.depth--;
      return a;
    }
    for (;;) {
      a.push(this.value(`${path}[${a.length}]`));
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ',') continue;
      if (c === ']') break;
      this.i--;
      this.fail(`invalid JSON: unexpected ${this.describe()}, expected "," or "]"`);
    }
    this.depth--;
    return a;
  }

  private string(): string {
    const s = this.s;
    this.i++;
    let out = '';
    let from = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('invalid JSON: unterminated string');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('invalid JSON: control character in a string (newlines must be written \\n)');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(from, this.i);
      const e = s[this.i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail('invalid JSON: bad escape in a string');
      }
      from = this.i;
    }
  }

  private number(): number {
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) this.fail('invalid JSON: bad number');
    this.i += m[0].length;
    return Number(m[0]);
  }
}
