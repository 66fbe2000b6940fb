/**
 * No Docker engine runs here, so these tests hold the Dockerfile to its promises statically and run
 * exactly the files it ships from a folder of their own (test/packaged-server.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './upbeat-process.ts';
import { shippedPaths, stages } from './dockerfile.ts';

const dockerfile = readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8');

const [build, run] = [stages(dockerfile)[0]!, stages(dockerfile).at(-1)!];

test('Dockerfile: multi-stage, the single executable on a slim glibc image with no Node', () => {
  assert.ok(stages(dockerfile).length >= 2);
  assert.match(run[0]!, /^FROM debian:bookworm-slim$/);
  assert.match(build[0]!, /^FROM node:(22|24)-\S*slim/);
  assert.match(build[0]!, / AS build$/i);
});

test('Dockerfile: the final stage installs nothing and has no build tools or dev dependencies', () => {
  const runText = run.join('\n');
  assert.doesNotMatch(runText, /npm (ci|install)|apt-get|g\+\+/);
  assert.match(runText, /COPY --from=build \/out\/ \/app\//);
});

test('Dockerfile: non-root user, /data volume, port, health check, config from /config', () => {
  const runText = run.join('\n');
  assert.match(runText, /^USER (?!root)\w+/m);
  assert.match(runText, /^VOLUME \["\/data"\]/m);
  assert.match(runText, /^EXPOSE 3000/m);
  assert.match(runText, /^HEALTHCHECK .*\/healthz/m);
  assert.match(runText, /UPBEAT_DATA_DIR=\/data/);
  assert.match(
    runText,
    /^WORKDIR \/config/m,
    'a mounted /config/upbeat.yaml is found in the working directory',
  );
  assert.match(runText, /^CMD \["\/app\/upbeat"\]/m);
});

test('Dockerfile: every file it ships exists after a build', () => {
  const paths = shippedPaths(dockerfile);
  assert.deepEqual(paths, ['dist/upbeat']);
  for (const path of paths) {
    assert.ok(existsSync(join(repositoryRoot, path)), `${path} exists`);
  }
});

test('Dockerfile: the build stage copies every input build.mjs reads', () => {
  const buildText = build.join('\n');
  for (const input of ['package.json package-lock.json', 'tsconfig.json build.mjs', 'src', 'public']) {
    assert.match(buildText, new RegExp(`COPY ${input.replace('.', '\\.')}`));
  }
});
