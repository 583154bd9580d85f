// A group's mail settings: the secretary's reply-to address, how many days before a deadline the
// first reminder goes, and whether the signed minutes are attached as DOCX.
import type { Db, Executor } from '../../db/database.ts';
import type { Actor } from '../../repositories/audit.ts';
import { mailSettings, saveMailSettings, type MailSettings } from '../../repositories/mail.ts';
import { definedOnly } from '../../repositories/rows.ts';
import type { MailSettingsPatch } from '../../schemas/mail.ts';
import { runAudited } from '../audit.ts';

export function groupMailSettings(db: Executor, groupId: number): Promise<MailSettings> {
  return mailSettings(db, groupId);
}

export function updateMailSettings(db: Db, groupId: number, actor: Actor, patch: MailSettingsPatch): Promise<MailSettings> {
  return runAudited(
    db,
    groupId,
    actor,
    { action: 'update', recordType: 'mail_settings', recordId: groupId, load: (trx) => mailSettings(trx, groupId) },
    async (trx) => {
      const { version, ...rest } = patch;
      await saveMailSettings(trx, groupId, version, definedOnly(rest));
      return mailSettings(trx, groupId);
    },
  );
}
