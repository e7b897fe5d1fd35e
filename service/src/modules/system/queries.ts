import type { IntegrationType } from '@igny8/shared';
import type { Tx } from '../../db/client';

export type IntegrationRow = {
  type: IntegrationType;
  settings: Record<string, string>;
  secret_enc: string | null;
  is_enabled: boolean;
  updated_at: Date;
};

export async function getIntegration(tx: Tx, accountId: string, type: IntegrationType) {
  const [row] = await tx<IntegrationRow[]>`
    select type, settings, secret_enc, is_enabled, updated_at from integration_settings
    where account_id = ${accountId} and type = ${type}`;
  return row ?? null;
}

export async function saveIntegration(
  tx: Tx,
  w: { accountId: string; type: IntegrationType; settings: Record<string, string>; secretEnc: string | null; isEnabled: boolean; userId: string | null },
) {
  const [row] = await tx<IntegrationRow[]>`
    insert into integration_settings (account_id, type, settings, secret_enc, is_enabled, updated_by)
    values (${w.accountId}, ${w.type}, ${tx.json(w.settings)}, ${w.secretEnc}, ${w.isEnabled}, ${w.userId})
    on conflict (account_id, type) do update set
      settings = excluded.settings, secret_enc = excluded.secret_enc, is_enabled = excluded.is_enabled,
      updated_by = excluded.updated_by, updated_at = now()
    returning type, settings, secret_enc, is_enabled, updated_at`;
  return row!;
}
