// Every migration, by name. Static imports let the same list run under tsx, Vitest and a
// bundler alike; a test checks that no file in this folder is missing here.
import type { Migration } from 'kysely/migration';
import * as initial from './20261126T010000-initial.ts';
import * as signing from './20261126T020000-signing.ts';
import * as carryOver from './20261126T030000-carry-over.ts';
import * as accounts from './20261126T040000-accounts.ts';
import * as search from './20261126T050000-search.ts';
import * as signatures from './20261126T060000-signatures.ts';
import * as planActivity from './20261126T070000-plan-activity.ts';
import * as auditDiff from './20261126T080000-audit-diff.ts';
import * as loginThrottle from './20261126T090000-login-throttle.ts';
import * as frozenSitting from './20261126T100000-frozen-sitting.ts';
import * as hotQueryIndexes from './20261126T210000-hot-query-indexes.ts';
import * as searchFts from './20261126T211000-search-fts.ts';
import * as dataVersion from './20261126T212000-data-version.ts';
import * as userOnboarding from './20261127T000000-user-onboarding.ts';
import * as groupTenancy from './20261127T002000-group-tenancy.ts';
import * as mail from './20261127T030000-mail.ts';
import * as preventionPlans from './20261127T050000-prevention-plans.ts';
import * as wordImports from './20261127T040000-word-imports.ts';
import * as searchTrigram from './20261127T020000-search-trigram.ts';
import * as searchWords from './20261127T070000-search-words.ts';
import * as listOrderIndexes from './20261127T080000-list-order-indexes.ts';
import * as decisionOwnerList from './20261127T090000-decision-owner-list.ts';

export const migrations: Record<string, Migration> = {
  '20261126T010000-initial': initial,
  '20261126T020000-signing': signing,
  '20261126T030000-carry-over': carryOver,
  '20261126T040000-accounts': accounts,
  '20261126T050000-search': search,
  '20261126T060000-signatures': signatures,
  '20261126T070000-plan-activity': planActivity,
  '20261126T080000-audit-diff': auditDiff,
  '20261126T090000-login-throttle': loginThrottle,
  '20261126T100000-frozen-sitting': frozenSitting,
  '20261126T210000-hot-query-indexes': hotQueryIndexes,
  '20261126T211000-search-fts': searchFts,
  '20261126T212000-data-version': dataVersion,
  '20261127T000000-user-onboarding': userOnboarding,
  '20261127T002000-group-tenancy': groupTenancy,
  '20261127T030000-mail': mail,
  '20261127T050000-prevention-plans': preventionPlans,
  '20261127T040000-word-imports': wordImports,
  '20261127T020000-search-trigram': searchTrigram,
  '20261127T070000-search-words': searchWords,
  '20261127T080000-list-order-indexes': listOrderIndexes,
  '20261127T090000-decision-owner-list': decisionOwnerList,
};
