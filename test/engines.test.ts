import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import semver from 'semver';

/** `engines` and the dependency tree agree: nothing installed needs a newer Node than we promise. */
describe('engines', () => {
  it('every package in the lock file supports the oldest Node that package.json promises', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const refused = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[] }>)
      .filter(([path, info]) => path && info.engines && !Array.isArray(info.engines) && info.engines.node && !semver.satisfies(oldest, info.engines.node))
      .map(([path, info]) => `${path}@${info.version} needs node ${(info.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });
});
