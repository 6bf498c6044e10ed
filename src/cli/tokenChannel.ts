// One tokenizer for all the CLI's worker threads (--jobs N). nodejieba's
// state is per thread (a Napi::Addon), so each worker used to load its own
// copy — its dictionaries, its index of tags and the gazetteer's words,
// about 0.6 s and 100 MB each. Now one tokenizer thread loads it once and
// the workers that run the recognisers ask it for tokens through a
// synchronous call: a SharedArrayBuffer per worker (the channel) and
// Atomics.wait, the tokenizer thread blocking on one shared doorbell
// between requests. A request is one slice of text (Tokenizer's slices, at
// most SLICE units), its answer the tokens as offsets and tag numbers: the
// worker rebuilds each word as text.slice(start, end), which the tokenizer
// guarantees is the word (alignWords), so the tokens are those of an
// in-process Tokenizer.tag, byte for byte.
import { receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SLICE, sliceEnd, Tokenizer } from '../core/tokenizer/tokenizer';
import type { TokenizerInfo, UserWord } from '../core/tokenizer/jieba';
import type { Token } from '../core/types';

/** Channel states (header slot 0). */
const IDLE = 0;
const REQUEST = 1;
const ANSWER = 2;
const FAILED = 3;

/** Requests (header slot 1). */
const OP_TAG = 1;
const OP_CUT = 2;
const OP_INFO = 3;

/**
 * Header: state, op, pieces in the request, UTF-16 units of the text area in
 * use (the request's pieces one after the other; in an answer, the names of
 * new tags, an error or the info as JSON).
 */
const HEADER_INTS = 4;
/** Pieces in one request at most (the lengths area: each piece's length, in the answer its number of tokens). */
const MAX_PIECES = 8192;
/** UTF-16 units of the text area (a whole batch of the annotator's lines, TOKENIZE_BATCH, fits). */
const TEXT_UNITS = 64 * 1024;
const LENGTHS_OFFSET = HEADER_INTS * 4;
const TEXT_OFFSET = LENGTHS_OFFSET + MAX_PIECES * 4;
const TOKENS_OFFSET = TEXT_OFFSET + TEXT_UNITS * 2;
/** A piece has at most one token per unit: start, end and tag number each. */
const CHANNEL_BYTES = TOKENS_OFFSET + TEXT_UNITS * 3 * 4;

/** Doorbell slots: requests rung (a counter), stop asked, tokenizer thread gone. */
const RUNG = 0;
const STOP = 1;
const GONE = 2;

/** Makes the doorbell all channels share (one per run). */
export function newDoorbell(): SharedArrayBuffer {
  return new SharedArrayBuffer(3 * 4);
}

/** Makes one worker's channel. */
export function newChannel(): SharedArrayBuffer {
  return new SharedArrayBuffer(CHANNEL_BYTES);
}

/** Wakes the tokenizer thread (a request, a new channel or stop). */
export function ring(doorbell: SharedArrayBuffer): void {
  const bell = new Int32Array(doorbell);
  Atomics.add(bell, RUNG, 1);
  Atomics.notify(bell, RUNG);
}

/** Asks the tokenizer thread to end once it has answered what it was asked. */
export function stop(doorbell: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(doorbell), STOP, 1);
  ring(doorbell);
}

/** Tells the workers the tokenizer thread is gone: a request waiting, or any later one, fails. */
export function gone(doorbell: SharedArrayBuffer, channels: readonly SharedArrayBuffer[]): void {
  Atomics.store(new Int32Array(doorbell), GONE, 1);
  for (const c of channels) Atomics.notify(new Int32Array(c, 0, HEADER_INTS), 0);
}

function writeText(units: Uint16Array, s: string): number {
  const n = Math.min(s.length, units.length);
  for (let i = 0; i < n; i++) units[i] = s.charCodeAt(i);
  return n;
}

function readText(units: Uint16Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1024) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 1024)) as unknown as number[]);
  return s;
}

/** The views of one channel. */
class Views {
  readonly header: Int32Array;
  readonly lengths: Int32Array;
  readonly text: Uint16Array;
  readonly tokens: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.lengths = new Int32Array(buffer, LENGTHS_OFFSET, MAX_PIECES);
    this.text = new Uint16Array(buffer, TEXT_OFFSET, TEXT_UNITS);
    this.tokens = new Int32Array(buffer, TOKENS_OFFSET, TEXT_UNITS * 3);
  }
}

/** The tokenizer thread's side of one channel. */
class Served extends Views {
  /** Tag → its number on this channel (the worker learns the names in this order). */
  readonly tagIds = new Map<string, number>();

  answer(tokenizer: Tokenizer): void {
    const h = this.header;
    try {
      const op = h[1];
      if (op === OP_INFO) {
        h[3] = writeText(this.text, JSON.stringify(tokenizer.info()));
      } else {
        const all = readText(this.text, h[3]);
        const pieces: string[] = [];
        for (let p = 0, at = 0; p < h[2]; p++) {
          pieces.push(all.slice(at, at + this.lengths[p]));
          at += this.lengths[p];
        }
        const found = op === OP_CUT ? pieces.map((piece) => tokenizer.cut(piece)) : tokenizer.tagMany(pieces);
        let added = '';
        let n = 0;
        for (let p = 0; p < found.length; p++) {
          const tokens = found[p];
          for (let k = 0; k < tokens.length; k++, n++) {
            const t = tokens[k];
            let id = this.tagIds.get(t.tag);
            if (id === undefined) {
              id = this.tagIds.size;
              this.tagIds.set(t.tag, id);
              added += t.tag + '\n';
            }
            this.tokens[3 * n] = t.start;
            this.tokens[3 * n + 1] = t.end;
            this.tokens[3 * n + 2] = id;
          }
          this.lengths[p] = tokens.length;
        }
        if (added.length > TEXT_UNITS) throw new Error('too many new part-of-speech tags in one request');
        h[3] = writeText(this.text, added);
      }
      Atomics.store(h, 0, ANSWER);
    } catch (e) {
      h[3] = writeText(this.text, e instanceof Error ? e.message : String(e));
      Atomics.store(h, 0, FAILED);
    }
    Atomics.notify(h, 0);
  }
}

/**
 * The tokenizer thread's loop: answers the requests of every channel it was
 * sent (on `port`, each a SharedArrayBuffer from newChannel) until stop().
 * Blocks this thread between requests; `tokenizer` is loaded first.
 */
export function serveTokens(port: MessagePort, doorbell: SharedArrayBuffer, tokenizer: Tokenizer): void {
  const bell = new Int32Array(doorbell);
  const channels: Served[] = [];
  try {
    tokenizer.load();
  } catch {
    // each request then fails with the reason (tag() throws it again)
  }
  for (;;) {
    const rung = Atomics.load(bell, RUNG);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) channels.push(new Served(m.message as SharedArrayBuffer));
    let answered = false;
    for (const c of channels) {
      if (Atomics.load(c.header, 0) === REQUEST) {
        c.answer(tokenizer);
        answered = true;
      }
    }
    if (answered) continue;
    if (Atomics.load(bell, STOP) === 1) return;
    Atomics.wait(bell, RUNG, rung, 1000);
  }
}

/**
 * A Tokenizer whose tokens come from the tokenizer thread (serveTokens): the
 * same tokens as the tokenizer there, whose dictionary already holds the
 * recognisers' words (takesWords is false). tagMany() asks for a whole batch
 * of texts in one request.
 */
export class ChannelTokenizer extends Tokenizer {
  override readonly takesWords = false;
  private readonly bell: Int32Array;
  private readonly views: Views;
  private readonly tagNames: string[] = [];
  private remoteInfo: TokenizerInfo | undefined;

  constructor(
    channel: SharedArrayBuffer,
    private readonly doorbell: SharedArrayBuffer,
  ) {
    super(() => {
      throw new Error('a ChannelTokenizer loads nothing itself');
    });
    this.bell = new Int32Array(doorbell);
    this.views = new Views(channel);
  }

  override get loaded(): boolean {
    return this.remoteInfo !== undefined;
  }

  /** Waits until the tokenizer thread has loaded its tokenizer. */
  override load(): void {
    this.info();
  }

  override info(): TokenizerInfo {
    if (!this.remoteInfo) {
      this.views.header[2] = 0;
      this.views.header[3] = 0;
      this.ask(OP_INFO);
      this.remoteInfo = JSON.parse(readText(this.views.text, this.views.header[3])) as TokenizerInfo;
      this.backend = this.remoteInfo.backend;
      this.loadMs = this.remoteInfo.loadMs;
      this.fallbackReason = this.remoteInfo.fallbackReason;
    }
    return this.remoteInfo;
  }

  override addWords(words: Iterable<UserWord>): void {
    for (const w of words) throw new Error(`words go to the tokenizer thread's engine, not to a worker's (${w.word})`);
  }

  override cut(text: string): Token[] {
    return this.many(OP_CUT, [text])[0];
  }

  override tag(text: string): Token[] {
    return this.many(OP_TAG, [text])[0];
  }

  override tagMany(texts: readonly string[]): Token[][] {
    return this.many(OP_TAG, texts);
  }

  override clearCache(): void {
    // the tokenizer thread's tags depend on the words alone
  }

  /** The tokens of each text: cut into Tokenizer's slices, as many slices a request as fit. */
  private many(op: number, texts: readonly string[]): Token[][] {
    const out = texts.map((): Token[] => []);
    /** The pieces of the request being filled: which text, where in it. */
    const owner: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    let units = 0;
    const flush = (): void => {
      if (owner.length === 0) return;
      this.request(op, texts, owner, from, to, out);
      owner.length = from.length = to.length = 0;
      units = 0;
    };
    texts.forEach((text, i) => {
      // the slices of sliced(): the whole text when short enough
      for (let a = 0; a < text.length; ) {
        const b = text.length <= SLICE ? text.length : sliceEnd(text, a);
        if (units + (b - a) > TEXT_UNITS || owner.length === MAX_PIECES) flush();
        owner.push(i);
        from.push(a);
        to.push(b);
        units += b - a;
        a = b;
      }
    });
    flush();
    return out;
  }

  /** One request: the pieces [from, to) of their texts; each one's tokens appended to its text's (offsets in the text). */
  private request(op: number, texts: readonly string[], owner: number[], from: number[], to: number[], out: Token[][]): void {
    const { header: h, lengths, text: area, tokens } = this.views;
    let at = 0;
    for (let p = 0; p < owner.length; p++) {
      const text = texts[owner[p]];
      for (let i = from[p]; i < to[p]; i++) area[at++] = text.charCodeAt(i);
      lengths[p] = to[p] - from[p];
    }
    h[2] = owner.length;
    h[3] = at;
    this.ask(op);
    if (h[3] > 0) {
      // the names of the tags new to this channel, in the order of their numbers, each ended by a line break
      const added = readText(area, h[3]).split('\n');
      added.pop();
      for (const tag of added) this.tagNames.push(tag);
    }
    let n = 0;
    for (let p = 0; p < owner.length; p++) {
      const text = texts[owner[p]];
      const into = out[owner[p]];
      const base = from[p];
      for (let k = 0; k < lengths[p]; k++, n++) {
        const start = base + tokens[3 * n];
        const end = base + tokens[3 * n + 1];
        into.push({ word: text.slice(start, end), tag: this.tagNames[tokens[3 * n + 2]], start, end });
      }
    }
  }

  /** Sends the request in the channel and waits for its answer (throws the tokenizer's error). */
  private ask(op: number): void {
    const h = this.views.header;
    if (Atomics.load(this.bell, GONE) === 1) throw new Error('the tokenizer thread stopped');
    h[1] = op;
    Atomics.store(h, 0, REQUEST);
    ring(this.doorbell);
    while (Atomics.load(h, 0) === REQUEST) {
      if (Atomics.load(this.bell, GONE) === 1) throw new Error('the tokenizer thread stopped');
      Atomics.wait(h, 0, REQUEST, 1000);
    }
    const state = Atomics.load(h, 0);
    Atomics.store(h, 0, IDLE);
    if (state === FAILED) throw new Error(readText(this.views.text, h[3]));
  }
}

/**
 * The main thread's handle on the tokenizer thread: starts it (`script` with
 * `workerData` plus the doorbell, which then calls serveTokens), makes a
 * channel for each worker, and ends it. Should it stop by itself, every
 * request waiting or to come fails with one error (the workers' tasks fail,
 * the run goes on and says so).
 */
export class TokenizerThread {
  readonly doorbell = newDoorbell();
  private readonly channels: SharedArrayBuffer[] = [];
  private readonly thread: Worker;
  private readonly exited: Promise<void>;

  constructor(script: string, workerData: Record<string, unknown>) {
    this.thread = new Worker(script, { workerData: { ...workerData, doorbell: this.doorbell } });
    this.exited = new Promise<void>((resolve) => {
      this.thread.once('exit', () => {
        gone(this.doorbell, this.channels);
        resolve();
      });
    });
    this.thread.on('error', () => gone(this.doorbell, this.channels));
  }

  /** A new channel, known to the tokenizer thread before any request can come on it. */
  channel(): SharedArrayBuffer {
    const c = newChannel();
    this.channels.push(c);
    this.thread.postMessage(c);
    ring(this.doorbell);
    return c;
  }

  /** Lets the tokenizer thread answer what it was asked, then end (never in the middle of a native call). */
  async close(): Promise<void> {
    stop(this.doorbell);
    await this.exited;
  }
}
