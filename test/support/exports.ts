import type { Actor } from './server.js';
import { sleep } from './subscribe.js';

/** Bulk exports as a client follows them: started by the mutation, polled until they end. */
export const START = `mutation($input: StartBulkExportInput!) { startBulkExport(input: $input) { bulkExport { id type format status rowCount downloadUrl } errors { field code message } } }`;
export const STATE = `query($ids: [ID!]) { bulkExports(first: 10, filter: { ids: $ids }) { totalCount nodes { id type format status rowCount expectedRowCount progress byteCount sha256 error downloadUrl downloadUrlExpiresAt finishedAt expiresAt } } }`;

export type ExportState = { id: string; status: string; rowCount: number; expectedRowCount: number | null; progress: number | null; byteCount: number; sha256: string | null; downloadUrl: string | null; downloadUrlExpiresAt: string | null };

export async function startExport(actor: Actor, input: Record<string, unknown>) {
  return (await actor.data(START, { input })).startBulkExport as { bulkExport: { id: string; status: string } | null; errors: { field: string[]; code: string; message: string }[] };
}

/** The export once COMPLETED or FAILED (within 20 s). */
export async function finishedExport(actor: Actor, id: string): Promise<ExportState> {
  for (let i = 0; i < 200; i++) {
    const state = (await actor.data(STATE, { ids: [id] })).bulkExports.nodes[0] as ExportState;
    if (state.status === 'COMPLETED' || state.status === 'FAILED') return state;
    await sleep(100);
  }
  throw new Error(`export ${id} did not finish`);
}
