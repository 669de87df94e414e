// A steady reader for the noisy-neighbour run, in a process of its own so that the flood's load
// generator does not delay its measurements: BENCH_RATE requests a second of BENCH_QUERY with
// BENCH_TOKEN to BENCH_URL for BENCH_SECONDS; prints {"p50","p99","requests"} as JSON.
const { BENCH_URL, BENCH_TOKEN, BENCH_QUERY } = process.env;
const seconds = Number(process.env.BENCH_SECONDS);
const rate = Number(process.env.BENCH_RATE ?? 20);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const latencies = [];
const inflight = [];
const started = performance.now();
for (let i = 0; i < seconds * rate; i++) {
  const wait = started + (i * 1000) / rate - performance.now();
  if (wait > 0) await sleep(wait);
  const sent = performance.now();
  inflight.push(
    fetch(BENCH_URL, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` }, body: JSON.stringify({ query: BENCH_QUERY }) }).then(async (r) => {
      const answer = await r.json();
      if (r.status !== 200 || answer.errors) throw new Error(`refused: ${r.status} ${JSON.stringify(answer.errors)}`);
      latencies.push(performance.now() - sent);
    }),
  );
}
await Promise.all(inflight);
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
console.log(JSON.stringify({ p50: at(50), p99: at(99), requests: latencies.length }));
