import { buildAlerts } from './alerts.js';
import { buildAudit } from './audit.js';
import { buildCases } from './cases.js';
import { buildContextDocuments } from './context-documents.js';
import { buildEntities } from './entities.js';
import { buildEvaluations } from './evaluations.js';
import { buildFixtureAlerts } from './fixture-alerts.js';
import { IndicatorFactory } from './indicators.js';
import { buildRuns } from './investigations.js';
import { buildLiveActions } from './live-actions.js';
import { buildRules } from './rules.js';
import { buildTenants } from './tenants.js';
import { buildWorkflows } from './workflows.js';
import type { Dataset } from './types.js';

/** Dataset sizes per tenant; the first tenant is the one the sandbox keys belong to. */
const SIZES = [
  { alerts: 240, cases: 34, runs: ['completed', 'completed', 'failed', 'completed', 'running', 'completed', 'failed', 'completed', 'running', 'completed'] as const, evaluations: 7, audit: 140 },
  { alerts: 36, cases: 6, runs: ['completed', 'running'] as const, evaluations: 2, audit: 20 },
];

/** Builds the whole dataset for one seed. Pure: the same seed always yields the same data. */
export function buildDataset(seed: string): Dataset {
  const tenants = buildTenants(seed);
  const entities = buildEntities(seed);
  const indicators = new IndicatorFactory(seed, entities);
  const rules = buildRules(seed, tenants);
  const dataset: Dataset = {
    seed,
    tenants,
    primaryTenantId: (tenants[0] ?? { id: '' }).id,
    entities,
    alerts: [],
    fixtureAlerts: [],
    cases: [],
    rules,
    runs: [],
    evaluations: [],
    liveActions: buildLiveActions(),
    audit: [],
    contextDocuments: [],
    workflows: [],
  };
  tenants.forEach((tenant, i) => {
    const size = SIZES[i];
    if (!size) return;
    const visibleRules = rules.filter((r) => r.tenantId === null || r.tenantId === tenant.id);
    const alerts = buildAlerts({ seed, tenantId: tenant.id, count: size.alerts, entities, indicators, rules: visibleRules });
    const cases = buildCases(seed, tenant.id, alerts, size.cases);
    dataset.alerts.push(...alerts);
    dataset.cases.push(...cases);
    dataset.runs.push(...buildRuns(seed, tenant.id, cases, alerts, [...size.runs]));
    dataset.evaluations.push(...buildEvaluations(seed, tenant.id, size.evaluations));
    dataset.audit.push(...buildAudit(seed, tenant.id, entities.users, alerts, cases, visibleRules, size.audit));
    dataset.contextDocuments.push(...buildContextDocuments(seed, tenant.id));
    dataset.workflows.push(...buildWorkflows(seed, tenant.id));
  });
  // Their own factory: fixture values must not widen the first/last-seen times of generated indicators.
  dataset.fixtureAlerts = buildFixtureAlerts(seed, dataset.primaryTenantId, new IndicatorFactory(seed, entities), rules.filter((r) => r.tenantId === null || r.tenantId === dataset.primaryTenantId));
  return dataset;
}
