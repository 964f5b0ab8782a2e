import type { OfferConditions, OfferRuleVersion, PersonRef } from '../../core/reasoning/index.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

/** Offer rules an admin keeps: one row per version (migration 0009), never updated. */

interface VersionRow {
  ruleId: string;
  version: number;
  offer: string;
  rationale: string;
  conditions: OfferConditions;
  ownerId: string;
  ownerName: string;
  retired: boolean;
  editedById: string;
  editedByName: string;
  editReason: string;
  editedAt: Date;
}

const columns = sql`rule_id as "ruleId", version, offer, rationale, conditions, owner_id as "ownerId",
  owner_name as "ownerName", retired, edited_by_id as "editedById", edited_by_name as "editedByName",
  edit_reason as "editReason", edited_at as "editedAt"`;

function toVersion(r: VersionRow): OfferRuleVersion {
  return {
    ruleId: r.ruleId,
    version: r.version,
    offer: r.offer,
    rationale: r.rationale,
    conditions: r.conditions,
    owner: { id: r.ownerId, name: r.ownerName },
    retired: r.retired,
    editedBy: { id: r.editedById, name: r.editedByName },
    editReason: r.editReason,
    editedAt: r.editedAt,
  };
}

export async function insertOfferRuleVersion(tx: Executor, v: OfferRuleVersion): Promise<void> {
  await tx.execute(
    sql`insert into offer_rule_versions (rule_id, version, offer, rationale, conditions, owner_id, owner_name,
          retired, edited_by_id, edited_by_name, edit_reason, edited_at)
        values (${v.ruleId}, ${v.version}, ${v.offer}, ${v.rationale}, ${JSON.stringify(v.conditions)}::jsonb,
          ${v.owner.id}, ${v.owner.name}, ${v.retired}, ${v.editedBy.id}, ${v.editedBy.name}, ${v.editReason},
          ${v.editedAt})`,
  );
}

/**
 * Every version of one rule, oldest first. With `lock`, the latest version row is locked so two
 * edits of the same rule serialize (the second then sees a stale version: 409).
 */
export async function loadOfferRuleVersions(
  tx: Executor,
  ruleId: string,
  lock = false,
): Promise<OfferRuleVersion[]> {
  if (lock) {
    await tx.execute(
      sql`select 1 from offer_rule_versions where rule_id = ${ruleId} order by version desc limit 1 for update`,
    );
  }
  return (
    await rows<VersionRow>(
      tx,
      sql`select ${columns} from offer_rule_versions where rule_id = ${ruleId} order by version`,
    )
  ).map(toVersion);
}

/** Each rule's latest version (retired ones too when asked), newest rules first. */
export async function findLatestOfferRules(
  tx: Executor,
  options: { includeRetired?: boolean; ownerId?: string | undefined } = {},
): Promise<(OfferRuleVersion & { createdAt: Date })[]> {
  const found = await rows<VersionRow & { createdAt: Date }>(
    tx,
    sql`select * from (
          select distinct on (rule_id) ${columns},
            min(edited_at) over (partition by rule_id) as "createdAt"
          from offer_rule_versions order by rule_id, version desc) latest
        where (${options.includeRetired ?? false}::boolean or not retired)
          and (${options.ownerId ?? null}::uuid is null or "ownerId" = ${options.ownerId ?? null}::uuid)
        order by "createdAt" desc, "ruleId"`,
  );
  return found.map((r) => ({ ...toVersion(r), createdAt: r.createdAt }));
}

/** The highest version sequence written so far: processes reload their rules when it moves. */
export async function offerRulesStamp(tx: Executor): Promise<number> {
  const row = await one<{ seq: string | null }>(
    tx,
    sql`select max(seq)::text as seq from offer_rule_versions`,
  );
  return Number(row?.seq ?? 0);
}

/** Owners are named people who can log in: active persons in a staff role, never integrations. */
export async function loadOwner(tx: Executor, id: string): Promise<PersonRef | undefined> {
  const found = await one<{ id: string; name: string }>(
    tx,
    sql`select id, name from agents
        where id = ${id} and active and kind = 'person' and role in ('agent', 'lead', 'manager', 'admin')`,
  );
  return found ? { id: found.id, name: found.name } : undefined;
}
