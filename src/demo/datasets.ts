import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface ServiceExchange {
  message: string;
  intent: string;
  category: string;
  response: string;
}

const bundled = new URL('../../fixtures/datasets/', import.meta.url).pathname;

/** The shared data sets when they sit beside the project, else the copies bundled in fixtures/. */
export function datasetDir(cwd: string): string {
  const shared = join(cwd, '..', 'shared', 'data');
  return existsSync(join(shared, 'bitext-cs')) ? shared : bundled;
}

export function loadBitextExchanges(dir: string): ServiceExchange[] {
  const rows = parse(readFileSync(join(dir, 'bitext-cs', 'messages-with-responses.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((r) => ({
    message: r.instruction ?? '',
    intent: r.intent ?? '',
    category: (r.category ?? '').toLowerCase(),
    response: r.response ?? '',
  }));
}

export interface AbcdDialogue {
  flow: string;
  subflow: string;
  customerTurns: string[];
  agentTurns: string[];
}

export function loadAbcdDialogues(dir: string): AbcdDialogue[] {
  const raw = JSON.parse(readFileSync(join(dir, 'abcd', 'abcd_sample.json'), 'utf8')) as {
    scenario: { flow: string; subflow: string };
    original: [string, string][];
  }[];
  return raw.map((d) => ({
    flow: d.scenario.flow,
    subflow: d.scenario.subflow,
    customerTurns: d.original.filter(([who]) => who === 'customer').map(([, text]) => text),
    agentTurns: d.original.filter(([who]) => who === 'agent').map(([, text]) => text),
  }));
}

/** Fills bitext's `{{Slot}}` placeholders with what we know; unknown slots read as their plain name. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_m, name: string) => values[name] ?? name);
}
