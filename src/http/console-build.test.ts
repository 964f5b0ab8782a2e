import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleBuildReason } from './console-build.ts';

describe('consoleBuildReason', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function webRoot() {
    const root = mkdtempSync(join(tmpdir(), 'casebook-web-'));
    dirs.push(root);
    mkdirSync(join(root, 'src', 'routes'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'src', 'routes', 'Screen.tsx'), 'export {}');
    return root;
  }
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('asks for a build when there is none, and for a rebuild when any source is newer', () => {
    const root = webRoot();
    const dist = join(root, 'dist');
    expect(consoleBuildReason(root, dist)).toBe('missing');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), 'built');
    for (const p of ['index.html', 'src', 'src/routes', 'src/routes/Screen.tsx']) at(join(root, p), 1_000);
    at(join(dist, 'index.html'), 2_000);
    expect(consoleBuildReason(root, dist)).toBeNull();
    at(join(root, 'src', 'routes', 'Screen.tsx'), 3_000);
    expect(consoleBuildReason(root, dist)).toBe('sources changed');
  });

  it('never builds where there are no console sources (an installed package without web/)', () => {
    const root = mkdtempSync(join(tmpdir(), 'casebook-noweb-'));
    dirs.push(root);
    expect(consoleBuildReason(root, join(root, 'dist'))).toBeNull();
  });
});
