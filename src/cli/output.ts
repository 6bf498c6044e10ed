// Where the CLI writes: stdout, stderr and files through one buffered,
// synchronous writer on a file descriptor, so that a write error is seen
// where it happens: a closed pipe (`policy-lens annotate DIR | head -1`)
// stops the run at once (OutputClosed: the CLI exits quietly), a failed write
// (`> /dev/full`) is an OutputError naming its target (exit 1), never an
// asynchronous 'error' event after all the work is done, or none at all.
import * as fs from 'node:fs';
import { fsReason } from '../core/text/textFile';

/** The reader of stdout went away (EPIPE): stop writing, quietly. */
export class OutputClosed extends Error {}

/** A write failed; `message` is one line naming the target and the reason. `stdout`: the failed target is stdout (the run ends). */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly stdout = false,
  ) {
    super(message);
  }
}

/** Bytes gathered before one write(2). */
const BUFFER_BYTES = 64 * 1024;

/** Sleeps `ms` milliseconds synchronously (a non-blocking pipe that is full). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A buffered synchronous writer on a file descriptor. */
export class FdWriter {
  private chunks: string[] = [];
  private size = 0;
  private failed?: Error;

  constructor(
    readonly fd: number,
    /** How messages name the target ('stdout', a path). */
    readonly name: string,
    /** Whether this is stdout: EPIPE means "the reader is gone" rather than an error, and a failure ends the run. */
    readonly pipeEndsQuietly = false,
  ) {}

  /** Writes text (as UTF-8, buffered) or bytes (after what is buffered). */
  write(s: string | Uint8Array): void {
    if (this.failed) throw this.failed;
    if (typeof s !== 'string') {
      this.flush();
      this.writeBytes(s);
      return;
    }
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= BUFFER_BYTES) this.flush();
  }

  flush(): void {
    if (this.failed) throw this.failed;
    if (this.size === 0) return;
    const bytes = Buffer.from(this.chunks.length === 1 ? this.chunks[0] : this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.size = 0;
    this.writeBytes(bytes);
  }

  private writeBytes(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          sleepSync(2);
          continue;
        }
        this.failed = code === 'EPIPE' && this.pipeEndsQuietly ? new OutputClosed('stdout closed') : new OutputError(`cannot write to ${this.name}: ${fsReason(err)}`, this.pipeEndsQuietly);
        throw this.failed;
      }
    }
  }
}

/** Opens `file` for writing (created or truncated) as an FdWriter; OutputError naming it when it cannot. */
export function openFileWriter(file: string): FdWriter {
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' ? 'a folder of that name is in the way (EISDIR)' : fsReason(err);
    throw new OutputError(`cannot write ${file}: ${reason}`);
  }
  return new FdWriter(fd, file);
}

/** Flushes and closes a file writer; OutputError when the last write or the close fails. */
export function closeFileWriter(w: FdWriter): void {
  try {
    w.flush();
  } finally {
    try {
      fs.closeSync(w.fd);
    } catch (err) {
      // a failed close can mean a failed write (NFS, quotas)
      // eslint-disable-next-line no-unsafe-finally
      throw new OutputError(`cannot write ${w.name}: ${fsReason(err)}`);
    }
  }
}
