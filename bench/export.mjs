// Bulk export benchmark: every purchase and sales order of the data set (1,060,000 lines at full
// scale) exported by staff as CSV (a row per line) and as JSONL (an order per line), timed from the
// mutation to COMPLETED, with the server's resident memory sampled every 100 ms (and its peak,
// VmHWM, read at the end). Target: RSS under 300 MiB.
import { readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kb) => kb / 1024;

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const START = 'mutation($input: StartBulkExportInput!) { startBulkExport(input: $input) { bulkExport { id } errors { field code message } } }';
const STATE = 'query($ids: [ID!]) { bulkExports(first: 1, filter: { ids: $ids }) { nodes { status rowCount expectedRowCount byteCount downloadUrl error } } }';

export async function measureExport({ port, pid, token, lines }) {
  const call = async (query, variables) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const results = [];
  for (const format of ['CSV', 'JSONL']) {
    const before = memory(pid);
    const started = performance.now();
    const { startBulkExport } = await call(START, { input: { type: 'ORDERS', format } });
    if (startBulkExport.errors.length > 0) throw new Error(JSON.stringify(startBulkExport.errors));
    const id = startBulkExport.bulkExport.id;
    let highest = before.rss;
    let state;
    for (;;) {
      await sleep(100);
      highest = Math.max(highest, memory(pid).rss);
      state = (await call(STATE, { ids: [id] })).bulkExports.nodes[0];
      if (state.status === 'COMPLETED' || state.status === 'FAILED') break;
    }
    const seconds = (performance.now() - started) / 1000;
    if (state.status !== 'COMPLETED') throw new Error(`export failed: ${state.error}`);
    // The download, to check it holds every line.
    const downloadStarted = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${state.downloadUrl}`);
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) newlines++;
    }
    const downloadSeconds = (performance.now() - downloadStarted) / 1000;
    const result = {
      format,
      orders: state.rowCount,
      fileLines: newlines,
      lines,
      megabytes: bytes / 1_048_576,
      seconds,
      recordsPerSecond: state.rowCount / seconds,
      rssBeforeMiB: mib(before.rss),
      rssHighestMiB: mib(highest),
      downloadSeconds,
    };
    console.log(
      `  ORDERS as ${format}: ${result.orders} orders (${result.fileLines} file lines, ${lines} order lines) in ${seconds.toFixed(1)} s, ${result.megabytes.toFixed(0)} MiB; server RSS ${result.rssBeforeMiB.toFixed(0)} MiB before, ${result.rssHighestMiB.toFixed(0)} MiB at most while exporting; download ${downloadSeconds.toFixed(1)} s`,
    );
    results.push(result);
  }
  const peak = mib(memory(pid).peak);
  console.log(`  server peak RSS over its life (VmHWM): ${peak.toFixed(0)} MiB`);
  return { runs: results, peakRssMiB: peak };
}
