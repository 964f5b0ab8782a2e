import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCreateSite, useUpdateSite } from '../../api/standards.ts';
import type { Site } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import {
  emptySiteDraft,
  localTimeIn,
  type SiteDraft,
  siteDraftFrom,
  sitePatch,
  toNewSite,
  validateSite,
  zoneOptions,
} from './siteForm.ts';
import { useValidatedSubmit } from './useValidatedSubmit.ts';

/**
 * A new site (code, name, time zone) or an existing site's name and time zone. The code names the
 * site in messages and is never changed; a new time zone re-times the site's open cases.
 */
export function SiteForm({ site, onDone }: { site: Site | null; onDone: (saved: Site) => void }) {
  return site ? <EditSite site={site} onDone={onDone} /> : <NewSite onDone={onDone} />;
}

function NewSite({ onDone }: { onDone: (saved: Site) => void }) {
  const create = useCreateSite();
  return (
    <SiteFields
      site={null}
      pending={create.isPending}
      error={create.error}
      onSubmit={(draft) => create.mutate(toNewSite(draft), { onSuccess: onDone })}
    />
  );
}

function EditSite({ site, onDone }: { site: Site; onDone: (saved: Site) => void }) {
  const update = useUpdateSite(site.id);
  return (
    <SiteFields
      site={site}
      pending={update.isPending}
      error={update.error}
      onSubmit={(draft) => {
        const patch = sitePatch(site, draft);
        if (Object.keys(patch).length === 0) onDone(site);
        else update.mutate(patch, { onSuccess: onDone });
      }}
    />
  );
}

function SiteFields({
  site,
  pending,
  error,
  onSubmit,
}: {
  site: Site | null;
  pending: boolean;
  error: Error | null;
  onSubmit: (draft: SiteDraft) => void;
}) {
  const [draft, setDraft] = useState<SiteDraft>(() => (site ? siteDraftFrom(site) : emptySiteDraft()));
  const [sentCode, setSentCode] = useState('');
  const { shown, submit } = useValidatedSubmit(validateSite(draft, site === null), () => {
    setSentCode(draft.code.trim());
    onSubmit(draft);
  });
  const set = (patch: Partial<SiteDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // The server's "taken" holds for the code it was sent; typing another one clears it.
  const codeTaken =
    error instanceof ApiError && error.code === 'site.code_taken' && draft.code.trim() === sentCode;
  const now = draft.timeZone ? localTimeIn(draft.timeZone) : '';
  const zoneMoved = site !== null && draft.timeZone !== site.timeZone;
  return (
    <form onSubmit={submit} noValidate aria-label={site ? `Edit ${site.name}` : 'New site'}>
      <Stack gap="md">
        {site ? (
          <Text size="sm">
            Code <b>{site.code}</b>{' '}
            <Text span c="dimmed" size="xs">
              (messages name the site by it, so it stays)
            </Text>
          </Text>
        ) : (
          <TextInput
            label="Code"
            description="Short and unique, e.g. LON; stored in capitals"
            required
            maxLength={16}
            value={draft.code}
            error={shown.code ?? (codeTaken ? 'Another site already uses this code' : undefined)}
            onChange={(e) => set({ code: e.currentTarget.value })}
          />
        )}
        <TextInput
          label="Name"
          required
          maxLength={200}
          value={draft.name}
          error={shown.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <Select
          label="Time zone"
          placeholder="Search, e.g. Berlin"
          required
          searchable
          limit={100}
          nothingFoundMessage="No such time zone"
          data={zoneOptions(site?.timeZone ?? null)}
          value={draft.timeZone || null}
          error={shown.timeZone}
          description={
            zoneMoved
              ? `Hours are read in the new zone; open cases are re-timed within a minute.${now ? ` Now ${now} there.` : ''}`
              : now
                ? `Now ${now} there`
                : undefined
          }
          onChange={(timeZone) => set({ timeZone: timeZone ?? '' })}
          comboboxProps={{ withinPortal: true }}
        />
        {error && !(error instanceof ApiError && error.code === 'site.code_taken') && (
          <ProblemAlert error={error} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {site ? 'Save site' : 'Create site'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
