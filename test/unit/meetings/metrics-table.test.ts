import { expect, it } from 'vitest';
import { metricsTable, type MonthlyMetrics } from '../../../src/meetings/department-metrics.js';

const metrics: MonthlyMetrics = {
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-12-01T00:00:00Z'),
  tasksCompleted: 42,
  deliverablesApproved: 8,
  medianCycleHours: 5.25,
  firstTimeApprovalRate: 0.875,
  avgRevisionRounds: 0.125,
  escalations: { opened: 3, resolved: 2 },
  spendByAgent: [
    { agent: 'copywriter', usd: 12.5 },
    { agent: 'cmo', usd: 3.456 },
  ],
  spendByWorkflow: [{ kind: 'content_creation', runs: 6, usd: 10 }],
  totalUsd: 15.956,
  costPerDeliverable: 1.9945,
};

it('renders the monthly metrics as aligned tables in one Slack code block', () => {
  expect(metricsTable(metrics)).toBe(
    [
      '```',
      'Metric                                   Value',
      '--------------------------------------  ------',
      'Tasks completed                             42',
      'Deliverables approved                        8',
      'Median cycle time (request → approval)   5.3 h',
      'First-time approval rate                   88%',
      'Revision rounds (average)                  0.1',
      'Escalations opened / resolved            3 / 2',
      'Model spend                             $15.96',
      'Cost per deliverable                     $1.99',
      '',
      'Agent        Spend',
      '----------  ------',
      'copywriter  $12.50',
      'cmo          $3.46',
      '',
      'Workflow          Runs   Spend',
      '----------------  ----  ------',
      'content_creation     6  $10.00',
      '```',
    ].join('\n'),
  );
});

it('shows "no data" for a metric the store cannot compute', () => {
  const none = { ...metrics, medianCycleHours: null, firstTimeApprovalRate: null, avgRevisionRounds: null, costPerDeliverable: null, spendByAgent: [], spendByWorkflow: [] };
  const table = metricsTable(none);
  expect(table).toContain('First-time approval rate                no data');
  expect(table).not.toContain('Workflow');
});
