import type {
  EscalationAction,
  EscalationLevel,
  EscalationPolicy,
  EscalationPolicyInput,
} from '../../api/standards.ts';

/** A rung as the form edits it: trigger, minutes after the breach, who is told, where the case goes. */
export interface LevelDraft {
  trigger: 'at_risk' | 'breached';
  afterMinutes: number | '';
  notify: ('owner' | 'lead' | 'manager')[];
  reassign: '' | 'team_queue' | 'lead';
}

export interface LadderDraft {
  name: string;
  levels: LevelDraft[];
  active: boolean;
}

export const newLevel = (trigger: LevelDraft['trigger'] = 'breached'): LevelDraft => ({
  trigger,
  afterMinutes: trigger === 'breached' ? 0 : '',
  notify: ['owner'],
  reassign: '',
});

export function ladderDraftFrom(p: EscalationPolicy | null): LadderDraft {
  if (!p)
    return {
      name: '',
      levels: [newLevel('at_risk'), { ...newLevel('breached'), notify: ['lead'] }],
      active: true,
    };
  return {
    name: p.name,
    active: p.active,
    levels: [...p.levels]
      .sort((a, b) => a.level - b.level)
      .map((l) => ({
        trigger: l.trigger,
        afterMinutes: l.trigger === 'breached' ? Math.round((l.afterMs ?? 0) / 60_000) : '',
        notify: l.actions.flatMap((a) => (a.kind === 'notify' ? [a.role] : [])),
        reassign: l.actions.find((a) => a.kind === 'reassign')?.to ?? '',
      })),
  };
}

export type LadderErrors = Record<string, string>;

export function validateLadder(d: LadderDraft): LadderErrors {
  const errors: LadderErrors = {};
  if (!d.name.trim()) errors.name = 'Give the ladder a name';
  if (d.levels.length === 0) errors.levels = 'Add at least one level';
  if (d.levels.length > 10) errors.levels = 'At most 10 levels';
  d.levels.forEach((l, i) => {
    if (l.notify.length === 0 && !l.reassign) errors[`${i}.actions`] = 'Notify someone or reassign';
    if (
      l.trigger === 'breached' &&
      l.afterMinutes !== '' &&
      !(Number.isInteger(l.afterMinutes) && l.afterMinutes >= 0)
    )
      errors[`${i}.after`] = 'A whole number of minutes';
  });
  return errors;
}

export function toLadderInput(d: LadderDraft): EscalationPolicyInput {
  return {
    name: d.name.trim(),
    active: d.active,
    levels: d.levels.map((l, i): EscalationLevel => {
      const actions: EscalationAction[] = [
        ...l.notify.map((role): EscalationAction => ({ kind: 'notify', role })),
        ...(l.reassign ? [{ kind: 'reassign', to: l.reassign } as EscalationAction] : []),
      ];
      return l.trigger === 'at_risk'
        ? { level: i + 1, trigger: 'at_risk', actions }
        : {
            level: i + 1,
            trigger: 'breached',
            afterMs: (l.afterMinutes === '' ? 0 : l.afterMinutes) * 60_000,
            actions,
          };
    }),
  };
}

const ROLE = { owner: 'the owner', lead: 'the team lead', manager: 'the manager' } as const;

/** "At risk → notify the owner", "Breached + 4 h → notify the manager, reassign to the team queue". */
export function describeLevel(l: EscalationLevel): { when: string; what: string } {
  const after = l.trigger === 'breached' && l.afterMs ? Math.round(l.afterMs / 60_000) : 0;
  const when =
    l.trigger === 'at_risk'
      ? 'At risk'
      : after === 0
        ? 'On breach'
        : `${after >= 60 && after % 60 === 0 ? `${after / 60} h` : `${after} min`} after breach`;
  const what = l.actions
    .map((a) =>
      a.kind === 'notify'
        ? `notify ${ROLE[a.role]}`
        : `reassign to ${a.to === 'lead' ? 'the lead' : 'the team queue'}`,
    )
    .join(', ');
  return { when, what: what.charAt(0).toUpperCase() + what.slice(1) };
}
