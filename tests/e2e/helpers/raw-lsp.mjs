// Raw LSP framing for protocol-abuse tests: write any bytes, read back every framed message the server sends.
import { withTimeout } from './server.mjs';

/** Frames a message (an object or a raw string body) with a correct Content-Length. */
export function frame(body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n`, 'ascii'), Buffer.from(text, 'utf8')]);
}

/** Collects the framed messages of a server's stdout and lets a test wait for the ones it expects. */
export class RawReader {
  constructor(stream) {
    this.buffer = Buffer.alloc(0);
    this.messages = [];
    this.waiters = [];
    stream.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.#drain();
    });
  }

  #drain() {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const match = /Content-Length: (\d+)/i.exec(header);
      if (!match) throw new Error(`the server wrote a bad header: ${header}`);
      const length = Number(match[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      const message = JSON.parse(body); // the server must only ever write valid JSON
      this.messages.push(message);
      for (const w of [...this.waiters]) if (w.match(message)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(message); }
    }
  }

  /** The first message matching PREDICATE (already received or still to come), within MS. */
  waitFor(predicate, what, ms = 30000) {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return withTimeout(new Promise((resolve) => this.waiters.push({ match: predicate, resolve })), ms, what);
  }

  /** The response to request ID. */
  response(id, ms) {
    return this.waitFor((m) => m.id === id && ('result' in m || 'error' in m), `the response to request ${JSON.stringify(id)}`, ms);
  }

  responses() {
    return this.messages.filter((m) => 'id' in m && ('result' in m || 'error' in m) && !('method' in m));
  }
}
