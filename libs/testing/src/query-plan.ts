import { Connection, Model, PipelineStage } from 'mongoose';

/**
 * How the real store serves a query, read from its `explain` (the index-backed tests of libs/persistence and of the
 * services).
 *
 * MongoDB answers with a plan: an index-backed query uses an index (IDHACK/EXPRESS or IXSCAN), never a COLLSCAN.
 * FerretDB 1.x answers with its backend's plan and `filterPushdown`: whether the filter went to the backend or was
 * applied in FerretDB after reading every document. Its SQLite handler pushes down only `{ _id: <string> }`, its
 * PostgreSQL handler also equality on other fields (not `$in`, `$lt`, `$exists`).
 */
export interface QueryPlan {
  store: 'mongodb' | 'ferretdb-postgresql' | 'ferretdb-sqlite';
  /** Every `stage` of MongoDB's winning plan (classic or SBE shapes); empty on FerretDB. */
  stages: string[];
  /** FerretDB: the filter went to the backend. */
  filterPushdown?: boolean;
  /** The backend's plan as JSON (FerretDB: PostgreSQL's WHERE names the fields pushed down, e.g. `'status'`). */
  backendPlan: string;
}

type Explained = Record<string, unknown>;

/** Every `stage` in a MongoDB plan. */
function stagesOf(plan: unknown, found: string[] = []): string[] {
  if (Array.isArray(plan)) plan.forEach((p) => stagesOf(p, found));
  else if (plan && typeof plan === 'object') {
    for (const [key, value] of Object.entries(plan)) {
      if (key === 'stage' && typeof value === 'string') found.push(value);
      else stagesOf(value, found);
    }
  }
  return found;
}

/**
 * The plan of an explained query on `connection`: `explained` is what `.explain('queryPlanner')` answered, of a find
 * (model or driver cursor) or of an aggregation.
 */
export async function planOf(connection: Connection, explained: unknown, kind: 'find' | 'aggregate' = 'find'): Promise<QueryPlan> {
  const answer = explained as Explained;
  const info = (await connection.db!.admin().command({ buildInfo: 1 })) as Explained;
  const backendPlan = JSON.stringify(answer.queryPlanner ?? answer);
  if (!('ferretdbVersion' in info)) {
    const winning = kind === 'aggregate' ? answer : (answer.queryPlanner as Explained | undefined)?.winningPlan;
    return { store: 'mongodb', stages: stagesOf(winning), backendPlan };
  }
  return {
    store: backendPlan.includes('"Node Type"') ? 'ferretdb-postgresql' : 'ferretdb-sqlite',
    stages: [],
    filterPushdown: answer.filterPushdown as boolean | undefined,
    backendPlan,
  };
}

/** The plan of `model.find(filter)` (sorted, limited as the caller reads it). */
export async function explainFind<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  options: { sort?: Record<string, 1 | -1>; limit?: number } = {},
): Promise<QueryPlan> {
  const query = model.find(filter as never);
  if (options.sort) query.sort(options.sort);
  if (options.limit) query.limit(options.limit);
  return planOf(model.db, await query.explain('queryPlanner'));
}

/** The plan of an aggregation (e.g. Repository.countBy's `countByPipeline`). */
export async function explainAggregate<T>(model: Model<T>, pipeline: PipelineStage[]): Promise<QueryPlan> {
  return planOf(model.db, await model.aggregate(pipeline).explain('queryPlanner'), 'aggregate');
}

/** MongoDB: an index serves the query (an IXSCAN, IDHACK or EXPRESS stage, no COLLSCAN). */
export function usesIndex(plan: QueryPlan): boolean {
  return !plan.stages.includes('COLLSCAN') && plan.stages.some((s) => /IXSCAN|IDHACK|EXPRESS/.test(s));
}

/**
 * What keeps a business gauge's count (Repository.countBy) from being backed by the store, if anything (tests expect
 * `[]`): on MongoDB an index must serve it (IXSCAN, no COLLSCAN); on FerretDB's PostgreSQL handler its equality on
 * `field` must be a WHERE of PostgreSQL's, so that only the matching documents reach FerretDB (which applies the rest
 * of the filter to them). FerretDB's SQLite handler pushes down only `_id`: there nothing is checked, and the gauges'
 * timer is what bounds the cost.
 */
export function gaugeBackingProblems(plan: QueryPlan, field: string): string[] {
  if (plan.store === 'mongodb') return usesIndex(plan) ? [] : [`no index serves the count: stages ${plan.stages.join(', ')}`];
  if (plan.store === 'ferretdb-sqlite') return [];
  const problems: string[] = [];
  if (plan.filterPushdown !== true) problems.push('the filter is not pushed down to PostgreSQL');
  if (!plan.backendPlan.includes(`'${field}'`)) problems.push(`PostgreSQL's plan does not filter on ${field}: ${plan.backendPlan}`);
  return problems;
}
