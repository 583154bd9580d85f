// Prevention plans as use cases: import and export in the plan format, the plan for its screens,
// editing it (marked changes, new activities), each activity's yearly status, an activity's page of
// everything linked to it, the activity search of the drafting screen, and the agenda items' links.
import type { Db, Executor } from '../db/database.ts';
import { assertActivityStatus, reasonKept } from '../domain/activity-status.ts';
import { InvalidInput, notFound } from '../domain/errors.ts';
import { compareActivityNumbers, goalOfActivity, isActivityNumber, planActivityNumber } from '../domain/plan-activity.ts';
import { hides, inheritsConfidentiality, revealsConfidential, type ReaderView } from '../domain/reader-view.ts';
import { foldForSearch } from '../domain/search-text.ts';
import type { PlanDocument, PlanDocumentActivity } from '../plans/plan-document.ts';
import { validatePlanDocument } from '../plans/validate-plan.ts';
import type { Actor } from '../repositories/audit.ts';
import type { AuditedRecord } from '../repositories/audit-records.ts';
import {
  activityRow,
  activityRows,
  agendaItemActivityIds,
  agendaItemOfGroup,
  goalRow,
  goalRows,
  insertActivity,
  insertGoal,
  insertPlan,
  insertStatus,
  linkedDecisionRows,
  linkedItemRows,
  nextActivityPosition,
  noteRowsOf,
  planRow,
  planRows,
  replaceAgendaItemActivities,
  reviewRowsOf,
  shiftActivities,
  statusRow,
  statusRows,
  statusRowsOfActivity,
  updateActivityRow,
  updatePlanRow,
  updateStatusRow,
  type ActivityStatusRow,
  type PlanActivityRow,
  type PlanRow,
} from '../repositories/plans.ts';
import { expectOneUpdated, isSet } from '../repositories/rows.ts';
import type {
  ActivityEvent,
  ActivityHit,
  ActivityPage,
  ActivityPatch,
  NewActivity,
  PlanActivity,
  PlanOverview,
  PlanPatch,
  PlanSummary,
  StatusBody,
  YearStatus,
  YearStatusPage,
} from '../schemas/plans.ts';
import { runAudited } from './audit.ts';
import { decisionReference } from './decision-origin.ts';
import { auditConfidentialRead, type Reader } from './readers.ts';
import { groupWording } from './wording.ts';

const planRecord = (groupId: number): AuditedRecord => ({ recordType: 'plan', load: (db, id) => planRow(db, groupId, id) });
const activityRecord = (groupId: number): AuditedRecord => ({
  recordType: 'plan_activity',
  load: (db, id) => activityRow(db, groupId, id),
});

const jsonList = <T>(text: string | null): T[] => (text === null ? [] : (JSON.parse(text) as T[]));
const listOrNull = (values: readonly unknown[] | undefined): string | null =>
  values === undefined || values.length === 0 ? null : JSON.stringify(values);
const period = (plan: PlanRow) => ({ from: plan.period_from, to: plan.period_to });

/** Imports a plan document whole, in one transaction; returns the new plan's id. */
export async function importPlan(db: Db, groupId: number, actor: Actor, input: unknown): Promise<{ id: number }> {
  const doc = validatePlanDocument(input);
  const spec = { ...planRecord(groupId), action: 'import', createdId: (r: { id: number }) => r.id };
  return runAudited(db, groupId, actor, spec, async (trx) => {
    const planId = await insertPlan(trx, {
      group_id: groupId,
      title: doc.title,
      adoption: doc.adoption ?? null,
      period_from: doc.period.from,
      period_to: doc.period.to,
      coordinator: doc.coordinator ?? null,
      change_note: doc.changeNote ?? null,
    });
    let position = 0;
    for (const [g, goal] of doc.goals.entries()) {
      const goalId = await insertGoal(trx, {
        group_id: groupId,
        plan_id: planId,
        number: goal.number,
        position: g + 1,
        title: goal.title,
        description: goal.description ?? null,
        change_note: goal.changeNote ?? null,
      });
      for (const a of goal.activities) {
        await insertActivity(trx, { ...activityColumns(a), group_id: groupId, plan_id: planId, goal_id: goalId, position: ++position });
      }
    }
    return { id: planId };
  });
}

function activityColumns(a: PlanDocumentActivity) {
  return {
    number: planActivityNumber(a.number),
    text: a.text,
    repeated_texts: listOrNull(a.repeatedTexts),
    responsible: listOrNull(a.responsible),
    years: listOrNull(a.years),
    result: a.result ?? null,
    deadline: a.deadline ?? null,
    financing: a.financing ?? null,
    change_note: a.changeNote ?? null,
  };
}

/** The plan in the import format: importing it again gives the same plan. */
export async function exportPlan(db: Executor, groupId: number, id: number): Promise<PlanDocument> {
  const plan = await planRow(db, groupId, id);
  const [goals, activities] = await Promise.all([goalRows(db, id), activityRows(db, id)]);
  const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as Record<K, V>));
  const optionalList = <K extends string>(key: K, text: string | null) =>
    text === null ? {} : ({ [key]: JSON.parse(text) } as Record<K, never>);
  return {
    format: 'protokols-plan/1',
    title: plan.title,
    ...optional('adoption', plan.adoption),
    period: { from: plan.period_from, to: plan.period_to },
    ...optional('coordinator', plan.coordinator),
    ...optional('changeNote', plan.change_note),
    goals: goals.map((g) => ({
      number: g.number,
      title: g.title,
      ...optional('description', g.description),
      ...optional('changeNote', g.change_note),
      activities: activities
        .filter((a) => a.goal_id === g.id)
        .map((a) => ({
          number: a.number,
          text: a.text,
          ...optionalList('repeatedTexts', a.repeated_texts),
          ...optionalList('responsible', a.responsible),
          ...optionalList('years', a.years),
          ...optional('result', a.result),
          ...optional('deadline', a.deadline),
          ...optional('financing', a.financing),
          ...optional('changeNote', a.change_note),
        })),
    })),
  };
}

export async function listPlans(db: Executor, groupId: number): Promise<PlanSummary[]> {
  const plans = await planRows(db, groupId);
  return Promise.all(
    plans.map(async (p) => ({
      id: p.id,
      title: p.title,
      periodFrom: p.period_from,
      periodTo: p.period_to,
      changeNote: p.change_note,
      activities: (await activityRows(db, p.id)).length,
    })),
  );
}

function yearStatus(s: ActivityStatusRow): YearStatus {
  return { year: s.year, status: s.status, reason: s.reason, done: s.done, version: s.version };
}

function activityOf(a: PlanActivityRow, decisions: number, statuses: readonly ActivityStatusRow[]): PlanActivity {
  return {
    id: a.id,
    version: a.version,
    number: a.number,
    text: a.text,
    repeatedTexts: jsonList<string>(a.repeated_texts),
    responsible: jsonList<string>(a.responsible),
    years: jsonList<number>(a.years),
    result: a.result,
    deadline: a.deadline,
    financing: a.financing,
    changeNote: a.change_note,
    decisions,
    statuses: statuses.map(yearStatus),
  };
}

/** The plan for its screens: goals, activities with ids and versions, how many decisions name each, their statuses. */
export async function planOverview(db: Executor, groupId: number, id: number): Promise<PlanOverview> {
  const plan = await planRow(db, groupId, id);
  const [goals, activities, statuses] = await Promise.all([goalRows(db, id), activityRows(db, id), statusRows(db, id)]);
  const decisions = await linkedDecisionRows(
    db,
    groupId,
    activities.map((a) => a.number),
    period(plan),
  );
  const decisionCount = new Map<string, number>();
  for (const d of decisions) decisionCount.set(d.plan_activity as string, (decisionCount.get(d.plan_activity as string) ?? 0) + 1);
  return {
    id: plan.id,
    version: plan.version,
    title: plan.title,
    adoption: plan.adoption,
    periodFrom: plan.period_from,
    periodTo: plan.period_to,
    coordinator: plan.coordinator,
    changeNote: plan.change_note,
    goals: goals.map((g) => ({
      id: g.id,
      number: g.number,
      title: g.title,
      description: g.description,
      changeNote: g.change_note,
      activities: activities
        .filter((a) => a.goal_id === g.id)
        .map((a) =>
          activityOf(
            a,
            decisionCount.get(a.number) ?? 0,
            statuses.filter((s) => s.activity_id === a.id),
          ),
        ),
    })),
  };
}

export async function updatePlan(db: Db, groupId: number, actor: Actor, id: number, patch: PlanPatch): Promise<PlanOverview> {
  await runAudited(db, groupId, actor, { ...planRecord(groupId), action: 'update', recordId: id }, async (trx) => {
    await planRow(trx, groupId, id);
    const result = await updatePlanRow(trx, id, patch.version, {
      ...(patch.title === undefined ? {} : { title: patch.title }),
      ...(patch.adoption === undefined ? {} : { adoption: patch.adoption }),
      ...(patch.coordinator === undefined ? {} : { coordinator: patch.coordinator }),
      ...(patch.changeNote === undefined ? {} : { change_note: patch.changeNote }),
    });
    expectOneUpdated(result, true, 'prevencijas plāns');
  });
  return planOverview(db, groupId, id);
}

/** A new activity, placed after the last activity of its goal numbered before it. */
export async function addActivity(db: Db, groupId: number, actor: Actor, planId: number, input: NewActivity): Promise<PlanActivity> {
  const spec = { ...activityRecord(groupId), action: 'create', createdId: (r: PlanActivity) => r.id };
  return runAudited(db, groupId, actor, spec, async (trx) => {
    await planRow(trx, groupId, planId);
    if (!isActivityNumber(input.number))
      throw new InvalidInput('number', 'aktivitātes numurā jābūt vismaz divām daļām (piemēram, 5.3.1.).');
    const number = planActivityNumber(input.number);
    const goal = (await goalRows(trx, planId)).find((g) => g.number === goalOfActivity(number));
    if (goal === undefined) throw new InvalidInput('number', `plānā nav mērķa Nr. ${goalOfActivity(number)}.`);
    const activities = await activityRows(trx, planId);
    if (activities.some((a) => a.number === number)) throw new InvalidInput('number', `aktivitāte ${number} plānā jau ir.`);
    const before = activities.filter((a) => a.goal_id === goal.id && compareActivityNumbers(a.number, number) < 0).at(-1);
    const goalFirst = activities.find((a) => a.goal_id === goal.id);
    const position =
      before !== undefined ? before.position + 1 : goalFirst !== undefined ? goalFirst.position : await nextActivityPosition(trx, planId);
    await shiftActivities(trx, planId, position);
    const id = await insertActivity(trx, {
      ...activityColumns({ ...input, number, result: input.result ?? undefined, changeNote: input.changeNote ?? undefined }),
      group_id: groupId,
      plan_id: planId,
      goal_id: goal.id,
      position,
    });
    return activityOf(await activityRow(trx, groupId, id), 0, []);
  });
}

export async function updateActivity(db: Db, groupId: number, actor: Actor, id: number, patch: ActivityPatch): Promise<PlanActivity> {
  await runAudited(db, groupId, actor, { ...activityRecord(groupId), action: 'update', recordId: id }, async (trx) => {
    await activityRow(trx, groupId, id);
    const result = await updateActivityRow(trx, id, patch.version, {
      ...(patch.text === undefined ? {} : { text: patch.text }),
      ...(patch.repeatedTexts === undefined ? {} : { repeated_texts: listOrNull(patch.repeatedTexts) }),
      ...(patch.responsible === undefined ? {} : { responsible: listOrNull(patch.responsible) }),
      ...(patch.years === undefined ? {} : { years: listOrNull(patch.years) }),
      ...(patch.result === undefined ? {} : { result: patch.result }),
      ...(patch.deadline === undefined ? {} : { deadline: patch.deadline }),
      ...(patch.financing === undefined ? {} : { financing: patch.financing }),
      ...(patch.changeNote === undefined ? {} : { change_note: patch.changeNote }),
    });
    expectOneUpdated(result, true, 'plāna aktivitāte');
  });
  const row = await activityRow(db, groupId, id);
  return activityOf(row, 0, await statusRowsOfActivity(db, id));
}

/** Records (or replaces) an activity's status for a year. */
export async function setActivityStatus(
  db: Db,
  groupId: number,
  actor: Actor,
  activityId: number,
  year: number,
  body: StatusBody,
): Promise<YearStatus> {
  const input = { year, status: body.status, reason: body.reason ?? null };
  return runAudited(db, groupId, actor, { ...activityRecord(groupId), action: 'status', recordId: activityId }, async (trx) => {
    const activity = await activityRow(trx, groupId, activityId);
    assertActivityStatus(input, period(await planRow(trx, groupId, activity.plan_id)));
    const values = { status: body.status, reason: reasonKept(input), done: (body.done ?? '').trim() };
    const existing = await statusRow(trx, activityId, year);
    if (existing === undefined) {
      await insertStatus(trx, { ...values, group_id: groupId, activity_id: activityId, year });
    } else {
      if (body.version === undefined)
        throw new InvalidInput('version', `šī gada statuss jau ir ierakstīts; norādiet tā versiju (${existing.version}).`);
      expectOneUpdated(await updateStatusRow(trx, existing.id, body.version, values), true, 'aktivitātes statuss');
    }
    return yearStatus((await statusRow(trx, activityId, year)) as ActivityStatusRow);
  });
}

/** Everything linked to one activity, in date order, as the reader may see it. */
async function activityEvents(
  db: Executor,
  groupId: number,
  view: ReaderView,
  activity: PlanActivityRow,
  plan: PlanRow,
): Promise<ActivityEvent[]> {
  const numbers = [activity.number];
  const [items, decisions, reviews, notes, wording] = await Promise.all([
    linkedItemRows(db, groupId, [activity.id]),
    linkedDecisionRows(db, groupId, numbers, period(plan)),
    reviewRowsOf(db, groupId, numbers, period(plan)),
    noteRowsOf(db, groupId, numbers, period(plan)),
    groupWording(db, groupId),
  ]);
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const masked = (confidential: boolean, text: string) => (hides(view, confidential) ? view.hidden : text);
  const events: ActivityEvent[] = [
    ...items.map((i) => {
      const confidential = isSet(i.confidential);
      return {
        kind: 'item' as const,
        date: i.date,
        reference: wording.report.phrase('itemReference', { sitting: i.sitting_number, position: i.position }),
        sittingId: i.sitting_id,
        decisionId: null,
        text: masked(confidential, i.title),
        status: null,
        confidential,
      };
    }),
    ...decisions.map((d) => {
      const confidential = inheritsConfidentiality(d.confidential);
      return {
        kind: 'decision' as const,
        date: d.date,
        reference: decisionReference(d.sitting_number, d.number),
        sittingId: d.sitting_id,
        decisionId: d.id,
        text: masked(confidential, d.text),
        status: d.current_status,
        confidential,
      };
    }),
    ...reviews.flatMap((r) => {
      const d = byId.get(r.decision_id);
      if (d === undefined) return [];
      const confidential = inheritsConfidentiality(d.confidential);
      return [
        {
          kind: 'review' as const,
          date: r.date,
          reference: decisionReference(d.sitting_number, d.number),
          sittingId: d.sitting_id,
          decisionId: d.id,
          text: masked(confidential, r.note ?? ''),
          status: isSet(r.not_discussed) ? null : r.status,
          confidential,
        },
      ];
    }),
    ...notes.flatMap((n) => {
      const d = byId.get(n.decision_id);
      if (d === undefined) return [];
      const confidential = inheritsConfidentiality(d.confidential);
      return [
        {
          kind: 'note' as const,
          date: n.effective_date,
          reference: decisionReference(d.sitting_number, d.number),
          sittingId: d.sitting_id,
          decisionId: d.id,
          text: masked(confidential, n.note),
          status: n.status,
          confidential,
        },
      ];
    }),
  ];
  const order: Record<ActivityEvent['kind'], number> = { item: 0, decision: 1, review: 2, note: 3 };
  // A stable sort: within a day, items before their decisions, then follow-ups and notes.
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order[a.kind] - order[b.kind]));
}

export async function activityPage(db: Executor, groupId: number, reader: Reader, id: number): Promise<ActivityPage> {
  const activity = await activityRow(db, groupId, id);
  const plan = await planRow(db, groupId, activity.plan_id);
  const goal = await goalRow(db, groupId, activity.goal_id);
  const events = await activityEvents(db, groupId, reader.view, activity, plan);
  if (revealsConfidential(reader.view, events)) await auditConfidentialRead(db, groupId, reader, 'plan', plan.id);
  return {
    activity: activityOf(activity, events.filter((e) => e.kind === 'decision').length, await statusRowsOfActivity(db, id)),
    plan: { id: plan.id, title: plan.title, periodFrom: plan.period_from, periodTo: plan.period_to },
    goal: { number: goal.number, title: goal.title },
    events,
  };
}

/** The year's status, and the decisions and notes of that year that may stand as its evidence. */
export async function yearStatusPage(db: Executor, groupId: number, reader: Reader, id: number, year: number): Promise<YearStatusPage> {
  const activity = await activityRow(db, groupId, id);
  const plan = await planRow(db, groupId, activity.plan_id);
  const events = await activityEvents(db, groupId, reader.view, activity, plan);
  const status = await statusRow(db, id, year);
  const evidence = events.filter((e) => e.kind !== 'item' && e.date.startsWith(`${year}-`));
  if (revealsConfidential(reader.view, evidence)) await auditConfidentialRead(db, groupId, reader, 'plan', plan.id);
  return { status: status === undefined ? null : yearStatus(status), evidence };
}

/**
 * Activities of the group's plans that match a number (5.3 finds 5.3., 5.3.1. …) or every word
 * typed (folded, so `izglitib` finds `izglītības`); at most 20, in the plans' order.
 */
export async function searchActivities(db: Executor, groupId: number, query: string): Promise<ActivityHit[]> {
  const plans = await planRows(db, groupId);
  const typed = query.trim();
  const byNumber = /^[0-9]+(\.[0-9]+)*\.?$/u.test(typed);
  const words = foldForSearch(typed)
    .split(/\s+/u)
    .filter((w) => w !== '');
  const hits: ActivityHit[] = [];
  for (const plan of plans) {
    for (const a of await activityRows(db, plan.id)) {
      const matches = byNumber
        ? a.number.startsWith(planActivityNumber(typed))
        : words.every((w) => foldForSearch(a.text, ...jsonList<string>(a.repeated_texts)).includes(w));
      if (matches) hits.push({ id: a.id, planId: plan.id, planTitle: plan.title, number: a.number, text: a.text });
      if (hits.length === 20) return hits;
    }
  }
  return hits;
}

export async function agendaItemActivities(db: Executor, groupId: number, agendaItemId: number): Promise<number[]> {
  await assertItemOfGroup(db, groupId, agendaItemId);
  return agendaItemActivityIds(db, agendaItemId);
}

/** An agenda item names several activities (kept in the app only, never printed in the minutes). */
export async function setAgendaItemActivities(
  db: Db,
  groupId: number,
  actor: Actor,
  agendaItemId: number,
  activityIds: readonly number[],
): Promise<number[]> {
  const spec = {
    recordType: 'agenda_item',
    load: (trx: Executor, id: number) => agendaItemActivityIds(trx, id),
    action: 'plan_activities',
    recordId: agendaItemId,
  };
  return runAudited(db, groupId, actor, spec, async (trx) => {
    await assertItemOfGroup(trx, groupId, agendaItemId);
    const unique = [...new Set(activityIds)];
    for (const [i, id] of unique.entries()) {
      await activityRow(trx, groupId, id).catch(() => {
        throw new InvalidInput(`activityIds[${i}]`, `plāna aktivitāte ${id} nav atrasta.`);
      });
    }
    await replaceAgendaItemActivities(trx, groupId, agendaItemId, unique);
    return agendaItemActivityIds(trx, agendaItemId);
  });
}

async function assertItemOfGroup(db: Executor, groupId: number, agendaItemId: number): Promise<void> {
  if (!(await agendaItemOfGroup(db, groupId, agendaItemId))) throw notFound('darba kārtības punkts', agendaItemId);
}
