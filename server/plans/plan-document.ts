// The plan format (plan.schema.json beside this file, version 1) as TypeScript types.

export interface PlanDocumentActivity {
  number: string;
  text: string;
  repeatedTexts?: string[];
  responsible?: string[];
  years?: number[];
  result?: string;
  deadline?: string;
  financing?: string;
  changeNote?: string;
}

export interface PlanDocumentGoal {
  number: number;
  title: string;
  description?: string;
  changeNote?: string;
  activities: PlanDocumentActivity[];
}

export interface PlanDocument {
  format: 'protokols-plan/1';
  title: string;
  adoption?: string;
  period: { from: number; to: number };
  coordinator?: string;
  changeNote?: string;
  goals: PlanDocumentGoal[];
}
