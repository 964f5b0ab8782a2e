import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = new URL('.', import.meta.url).pathname;
const forbidden = [
  /from ['"](\.\.\/)+(db|http|channels|jobs|cli)\//,
  /from ['"]node:(fs|net|http|https|child_process|dgram|worker_threads)['"]/,
  /from ['"](pg|fastify|drizzle-orm)/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('src/core', () => {
  it('imports nothing from db, http, channels, jobs, cli or I/O modules', () => {
    const offenders = sourceFiles(coreDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => forbidden.some((re) => re.test(line)))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never reads the clock or randomness directly', () => {
    const offenders = sourceFiles(coreDir)
      .filter((file) => !file.endsWith('ports.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /\bDate\.now\(|new Date\(\)|Math\.random\(/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
