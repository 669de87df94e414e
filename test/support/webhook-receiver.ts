import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  answered: number | 'timeout';
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** A webhook receiver on loopback whose answers the test scripts: a status per request, or a hang. */
export class Receiver {
  readonly received: Received[] = [];
  private script: (number | 'timeout')[] = [];
  private delayMs = 0;
  private server: Server;
  url = '';

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.script.shift() ?? 200;
        this.received.push({ id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']), body: Buffer.concat(chunks).toString('utf8'), answered: answer, at: Date.now() });
        if (answer === 'timeout') return; // never answers: the server gives up after WEBHOOK_TIMEOUT_MS
        const send = () => res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? 'receiver down' : 'ok');
        if (this.delayMs > 0) setTimeout(send, this.delayMs);
        else send();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  answerNext(...answers: (number | 'timeout')[]) {
    this.script.push(...answers);
  }

  /** From now on, 200 to everything, at once. */
  recover() {
    this.script = [];
    this.delayMs = 0;
  }

  /** Answers each request `ms` after it arrived (a slow endpoint). */
  answerAfter(ms: number) {
    this.delayMs = ms;
  }

  delivered(): Received[] {
    return this.received.filter((r) => r.answered === 200);
  }

  async until(condition: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`receiver: condition not met in ${ms} ms; received ${JSON.stringify(this.received.map((r) => [r.id, r.answered]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
