// The raw-SQL floor the GraphQL server is measured against: node:http and postgres.js, the hand-written
// SQL of bench/workloads.mjs returning exactly the `data` the GraphQL queries return, with no
// authentication, limits, budgets or row-level security. It is the yardstick, not a product.
// POST /raw {"workload": index, "params": [...]}; POST /random {"query": index} runs the statement the
// compiler wrote for a generated query (BENCH_RANDOM_FILE) as it is.
// Usage: PORT=4100 BENCH_DATABASE_URL=... node bench/baseline.mjs
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import postgres from 'postgres';
import { gradeOf, scoreOf } from '../dist/domain/performance/scorecard.js';
import { workloads } from './workloads.mjs';

const sql = postgres(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scm_bench', { max: 10, onnotice: () => {} });
const random = process.env.BENCH_RANDOM_FILE ? JSON.parse(readFileSync(process.env.BENCH_RANDOM_FILE, 'utf8')) : [];

const finishing = {
  /** A scorecard's score and grade, by the rule the API applies. */
  scorecards: (text) => {
    const data = JSON.parse(text);
    for (const node of data.suppliers.nodes) {
      const score = scoreOf(node.scorecard);
      node.scorecard.score = score;
      node.scorecard.grade = gradeOf(score);
    }
    return JSON.stringify(data);
  },
};

async function raw(index, params) {
  const workload = workloads[index];
  const [row] = await sql.unsafe(workload.raw, params, { prepare: true });
  return workload.finish ? finishing[workload.finish](row.data) : row.data;
}

/** A generated query: its statement as the compiler wrote it, its answer assembled from the template the compiler fills. */
async function generated(index) {
  const { text, params, template } = random[index];
  const [row] = await sql.unsafe(text, params, { prepare: true });
  return template.replace(/"__r(\d+)__"/g, (_, i) => row[`r${i}`] ?? 'null');
}

const server = createServer((req, res) => {
  if (req.url === '/readyz') return void res.writeHead(200).end();
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', async () => {
    try {
      const request = JSON.parse(body || '{}');
      const data = req.url === '/random' ? await generated(request.query) : req.url === '/raw' ? await raw(request.workload, request.params) : null;
      if (data === null) {
        res.writeHead(404).end();
        return;
      }
      const text = `{"data":${data}}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => console.log(JSON.stringify({ msg: 'baseline listening', port: server.address().port })));
process.on('SIGTERM', () => server.close(() => sql.end().then(() => process.exit(0))));
