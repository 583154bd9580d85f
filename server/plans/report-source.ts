// What the monitoring report of one year is made from, gathered by services/plan-report.ts: plain
// data only (the group's profile, the plan, the year's sittings, each activity's status and decisions).
import type { GroupProfile } from '../domain/group-settings.ts';
import type { ActivityStatus } from '../domain/vocabulary.ts';

export interface ReportDecision {
  /** Nr. 12, 4. */
  reference: string;
  text: string;
  /** Taken under a confidential agenda item: the public report hides its text. */
  confidential: boolean;
}

export interface ReportActivity {
  number: string;
  text: string;
  status: { status: ActivityStatus; reason: string | null; done: string } | null;
  decisions: ReportDecision[];
}

export interface ReportGoal {
  number: number;
  title: string;
  activities: ReportActivity[];
}

export interface ReportSource {
  group: GroupProfile;
  plan: { title: string; adoption: string | null; periodFrom: number; periodTo: number };
  year: number;
  sittings: Array<{ number: number; date: string }>;
  goals: ReportGoal[];
}

export type ReportVersion = 'full' | 'public';
