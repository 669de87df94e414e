import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { type Budgets, type BudgetStatus, throttled } from './budgets.js';
import { MAX_COST, operationCost } from './cost.js';
import { checkInputs } from './input-limits.js';

/** `extensions.cost` of every answer: what the operation was charged and what the budget has left. */
export interface CostReport {
  requested: number;
  maximum: number;
  budget: BudgetStatus | null;
}

/**
 * The fields costExtensionJson writes: a field added to CostReport or BudgetStatus and not written
 * there fails to compile here, rather than going missing from the known reads' answers alone.
 */
type SameKeys<T, K extends PropertyKey> = [keyof T] extends [K] ? ([K] extends [keyof T] ? true : never) : never;
const writesEveryCostField: SameKeys<CostReport, 'requested' | 'maximum' | 'budget'> & SameKeys<BudgetStatus, 'capacity' | 'remaining' | 'restorePerSecond'> = true;
void writesEveryCostField;

/** A number as JSON writes it: finite ones as themselves, any other as null. */
const jsonNumber = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * `{"cost":...}` as JSON.stringify writes it, written out: the known reads append it to every answer
 * (src/server.ts), where JSON.stringify's walk of the object cost about 1% of a read by key.
 */
export function costExtensionJson(report: CostReport): string {
  const { budget } = report;
  const budgetJson = budget === null ? 'null' : `{"capacity":${jsonNumber(budget.capacity)},"remaining":${jsonNumber(budget.remaining)},"restorePerSecond":${jsonNumber(budget.restorePerSecond)}}`;
  return `{"cost":{"requested":${jsonNumber(report.requested)},"maximum":${jsonNumber(report.maximum)},"budget":${budgetJson}}}`;
}

export interface AdmissionRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  viewer: Viewer | null;
  /** Told of each SQL statement admission runs for the operation (its budget charge). */
  onStatement: () => void;
}

/**
 * What every operation passes after parsing and validation and before it runs, over HTTP and
 * WebSocket alike: its inputs within their limits, its cost within MAX_COST, and that cost charged
 * to the viewer's budgets. Throws the GraphQL error that refuses it.
 */
export async function admit(budgets: Budgets | null, request: AdmissionRequest): Promise<CostReport> {
  checkInputs(request.schema, request.document, request.operation, request.variables);
  const cost = operationCost(request.schema, request.document, request.operation.name?.value, request.variables);
  if (budgets === null || request.viewer === null) return { requested: cost, maximum: MAX_COST, budget: null };
  const verdict = await budgets.charge(request.viewer, cost, request.onStatement);
  if (!verdict.ok) throw throttled(verdict, cost);
  return { requested: cost, maximum: MAX_COST, budget: verdict.status };
}

/** Apollo's side of admission, and `extensions.cost` on its answers. */
export function admission(budgets: Budgets | null): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // Admitted already when the known reads took it first and then left it to Apollo (src/server.ts).
          if (operation === undefined || contextValue.cost.report !== undefined) return;
          contextValue.cost.report = await admit(budgets, { schema, document, operation, variables: request.variables, viewer: contextValue.viewer, onStatement: () => (contextValue.stats.statements += 1) });
        },
        async willSendResponse({ response, contextValue }) {
          const report = contextValue.cost.report;
          if (report === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
        },
      };
    },
  };
}
