import { createServer, type Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut, as a network partition or a stopped
 * database would: while cut, open connections are reset and new ones are accepted but never answered
 * (the client's connect timeout must fire), until the proxy is restored.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<Socket>();
  private readonly held = new Set<Socket>();
  private cut = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      client.on('error', () => {});
      if (this.cut) {
        this.held.add(client);
        client.on('close', () => this.held.delete(client));
        return;
      }
      const upstream = new Socket();
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.connect(this.targetPort, this.targetHost);
      client.pipe(upstream);
      upstream.pipe(client);
      for (const s of [client, upstream]) {
        this.pairs.add(s);
        s.on('close', () => {
          this.pairs.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as { port: number }).port;
  }

  /** Resets every open connection and black-holes new ones. */
  cutOff() {
    this.cut = true;
    for (const s of this.pairs) s.destroy();
  }

  /** Forwards new connections again (the black-holed ones are dropped; their clients gave up). */
  restore() {
    this.cut = false;
    for (const s of this.held) s.destroy();
  }

  async stop() {
    this.cutOff();
    for (const s of this.held) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
