import { and, desc, eq, gte } from 'drizzle-orm';
import type { Department } from '../department/schema.js';
import type { Db } from '../store/database.js';
import { decisions } from '../store/schema.js';
import { metricsTable, monthlyMetrics, weeklyReview, weeklyReviewText } from './department-metrics.js';
import { isEmpty } from './fact.js';
import { factSheetFor, renderFactSheet } from './fact-sheet.js';
import type { MeetingKind } from './meeting-kinds.js';
import type { AttendeeFacts, MeetingRecords, MeetingWindow } from './meeting-records.js';

/** OKRs stay current for a quarter and a little: the quarterly planning records them as decisions. */
const OKR_DAYS = 100;

/** The meetings' reads on the department's Postgres (or PGlite) records. */
export function storeMeetingRecords(db: Db, department: Department): MeetingRecords {
  const timeZone = department.file.timezone;
  const names = new Map(department.agents.map((a) => [a.id, a.name]));

  const currentOkrs = async () =>
    db
      .select({ id: decisions.id, decision: decisions.decision, reasoning: decisions.reasoning })
      .from(decisions)
      .where(and(eq(decisions.type, 'okr'), gte(decisions.createdAt, new Date(Date.now() - OKR_DAYS * 86_400_000))))
      .orderBy(desc(decisions.createdAt))
      .limit(5);

  return {
    async factsFor(agentId: string, window: MeetingWindow): Promise<AttendeeFacts> {
      const sheet = await factSheetFor(db, agentId, { ...window, timeZone });
      return { agentId, text: renderFactSheet(sheet), empty: isEmpty(sheet), sheet };
    },

    async agenda(kind: MeetingKind, window: MeetingWindow) {
      const okrs = await currentOkrs();
      const okrText = okrs.length > 0 ? `*Current OKRs* (quarterly planning):\n${okrs.map((o) => `• ${o.decision} [${o.id}]`).join('\n')}` : '';
      if (kind === 'weekly_planning') {
        const lastWeek = await weeklyReview(db, { from: window.since, to: window.until, timeZone });
        return { text: [weeklyReviewText(lastWeek, names), okrText].filter(Boolean).join('\n'), data: { okrs, lastWeek } };
      }
      if (kind === 'monthly_review' || kind === 'quarterly_planning') {
        const metrics = await monthlyMetrics(db, { from: window.since, to: window.until });
        const title = kind === 'monthly_review' ? '*The month in numbers*' : '*The quarter in numbers*';
        return { text: [`${title}\n${metricsTable(metrics)}`, okrText].filter(Boolean).join('\n'), data: { okrs, metrics } };
      }
      return { text: okrText, data: { okrs } };
    },
  };
}
