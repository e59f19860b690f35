// The JavaScript SDK v3 against the standalone fake (FAKE_ECR_ENDPOINT), run by JavaScriptSdkIT.
// Each test signs with a fresh 12-digit access key, which is its own account on the fake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  ECRClient, CreateRepositoryCommand, DescribeRepositoriesCommand, DeleteRepositoryCommand, PutImageCommand,
  BatchGetImageCommand, DescribeImagesCommand, ListImagesCommand, InitiateLayerUploadCommand,
  UploadLayerPartCommand, CompleteLayerUploadCommand, BatchCheckLayerAvailabilityCommand,
  PutAccountSettingCommand, GetAccountSettingCommand, PutReplicationConfigurationCommand, DescribeRegistryCommand,
  DescribeImageReplicationStatusCommand, CreatePullThroughCacheRuleCommand,
} from '@aws-sdk/client-ecr';

const endpoint = process.env.FAKE_ECR_ENDPOINT;
assert.ok(endpoint, 'FAKE_ECR_ENDPOINT must name the running fake');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let accounts = 0;

function newAccount() {
  const account = String(310000000000 + process.pid * 100 + (++accounts));
  const ecr = new ECRClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } });
  return { account, ecr };
}

const sha256 = (data) => 'sha256:' + createHash('sha256').update(data).digest('hex');

async function uploadBlob(ecr, repositoryName, text) {
  const bytes = Buffer.from(text, 'utf8');
  const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName }));
  await ecr.send(new UploadLayerPartCommand({ repositoryName, uploadId, partFirstByte: 0, partLastByte: bytes.length - 1, layerPartBlob: bytes }));
  const { layerDigest } = await ecr.send(new CompleteLayerUploadCommand({ repositoryName, uploadId, layerDigests: [sha256(bytes)] }));
  return { digest: layerDigest, size: bytes.length };
}

/** An OCI image manifest whose config and layer are uploaded first, as a registry client does. */
async function pushableManifest(ecr, repositoryName, seed) {
  const config = await uploadBlob(ecr, repositoryName, `{"seed":"${seed}"}`);
  const layer = await uploadBlob(ecr, repositoryName, `layer ${seed}`);
  // Spaces and newlines on purpose: the digest is of the bytes as sent.
  return `{\n  "schemaVersion": 2,\n  "mediaType": "application/vnd.oci.image.manifest.v1+json",\n`
    + `  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": ${config.size}, "digest": "${config.digest}"},\n`
    + `  "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "size": ${layer.size}, "digest": "${layer.digest}"}]\n}`;
}

async function assertServiceError(promise, name, status, message) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.name, name);
    assert.equal(e.$fault, status >= 500 ? 'server' : 'client');
    assert.equal(e.$metadata.httpStatusCode, status);
    assert.match(e.$metadata.requestId, UUID);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

async function injectFault(account, operation, errorCode, times) {
  const response = await fetch(`${endpoint}/fake-ecr/faults`, {
    method: 'POST', body: JSON.stringify({ accountId: account, region: 'us-east-1', operation, errorCode, times }),
  });
  assert.equal(response.status, 200, await response.text());
}

test('create, describe and delete a repository', async () => {
  const { account, ecr } = newAccount();
  const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'js/app' }));
  assert.equal(created.repository.repositoryArn, `arn:aws:ecr:us-east-1:${account}:repository/js/app`);
  assert.equal(created.repository.repositoryUri, `${account}.dkr.ecr.us-east-1.amazonaws.com/js/app`);
  assert.ok(created.repository.createdAt instanceof Date);
  assert.match(created.$metadata.requestId, UUID);
  const described = await ecr.send(new DescribeRepositoriesCommand({}));
  assert.deepEqual(described.repositories.map((r) => r.repositoryName), ['js/app']);
  await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'js/app' }));
  await assertServiceError(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['js/app'] })),
    'RepositoryNotFoundException', 400,
    `The repository with name 'js/app' does not exist in the registry with id '${account}'`);
});

test('PutImage digests the bytes the JavaScript SDK sent, and the retag workflow works', async () => {
  const { ecr } = newAccount();
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  const manifest = await pushableManifest(ecr, 'app', 'retag');

  const put = await ecr.send(new PutImageCommand({ repositoryName: 'app', imageTag: '1.0', imageManifest: manifest }));
  assert.equal(put.image.imageId.imageDigest, sha256(Buffer.from(manifest, 'utf8')));
  assert.equal(put.image.imageManifest, manifest);

  const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: '1.0' }] }));
  await ecr.send(new PutImageCommand({ repositoryName: 'app', imageTag: 'prod', imageManifest: got.images[0].imageManifest }));
  const details = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
  assert.deepEqual(details.imageDetails.map((d) => d.imageTags), [['1.0', 'prod']]);
  assert.ok(details.imageDetails[0].imagePushedAt instanceof Date);
});

test('ImageAlreadyExistsException and ImageTagAlreadyExistsException', async () => {
  const { account, ecr } = newAccount();
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'locked', imageTagMutability: 'IMMUTABLE' }));
  const one = await pushableManifest(ecr, 'locked', 'one');
  const two = await pushableManifest(ecr, 'locked', 'two');
  await ecr.send(new PutImageCommand({ repositoryName: 'locked', imageTag: 'v1', imageManifest: one }));

  await assertServiceError(ecr.send(new PutImageCommand({ repositoryName: 'locked', imageTag: 'v1', imageManifest: one })),
    'ImageAlreadyExistsException', 400, `Image with digest '${sha256(Buffer.from(one))}' and tag 'v1' already exists`
    + ` in the repository with name 'locked' in registry with id '${account}'`);
  await assertServiceError(ecr.send(new PutImageCommand({ repositoryName: 'locked', imageTag: 'v1', imageManifest: two })),
    'ImageTagAlreadyExistsException', 400,
    "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the tag is immutable.");
});

test('InvalidParameterException and LayersNotFoundException', async () => {
  const { account, ecr } = newAccount();
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  await assertServiceError(ecr.send(new PutImageCommand({ repositoryName: 'app', imageTag: 'bad tag', imageManifest: '{}' })),
    'InvalidParameterException', 400,
    "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+''");
  await assertServiceError(ecr.send(new CreateRepositoryCommand({ repositoryName: 'a' })), 'InvalidParameterException', 400);
  const digest = sha256('never uploaded');
  const manifest = `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":1,"digest":"${digest}"},"layers":[]}`;
  await assertServiceError(ecr.send(new PutImageCommand({ repositoryName: 'app', imageManifest: manifest })),
    'LayersNotFoundException', 400, `Layers with digests '[${digest}]' required for pushing image into repository`
    + ` with name 'app' in registry with id '${account}' do not exist`);
});

test('an injected ServerException is retried by the SDK (3 attempts)', async () => {
  const { account, ecr } = newAccount();
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  await injectFault(account, 'DescribeRepositories', 'ServerException', 2);

  const described = await ecr.send(new DescribeRepositoriesCommand({}));
  assert.equal(described.$metadata.attempts, 3);

  await injectFault(account, 'DescribeRepositories', 'ServerException', 3);
  await assertServiceError(ecr.send(new DescribeRepositoriesCommand({})), 'ServerException', 500,
    'These errors are usually caused by a server-side issue.');
  const calls = await (await fetch(`${endpoint}/fake-ecr/calls?accountId=${account}&region=us-east-1`)).json();
  assert.deepEqual(calls.filter((c) => c.operation === 'DescribeRepositories').map((c) => c.status),
    [500, 500, 200, 500, 500, 500]);
});

test('listing and layer availability', async () => {
  const { ecr } = newAccount();
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  for (const seed of ['a', 'b', 'c']) {
    await ecr.send(new PutImageCommand({ repositoryName: 'app', imageTag: seed, imageManifest: await pushableManifest(ecr, 'app', seed) }));
  }
  const tags = [];
  let nextToken;
  do {
    const page = await ecr.send(new ListImagesCommand({ repositoryName: 'app', maxResults: 2, nextToken }));
    tags.push(...page.imageIds.map((id) => id.imageTag));
    nextToken = page.nextToken;
  } while (nextToken);
  assert.deepEqual(tags, ['a', 'b', 'c']);
  const uploaded = await uploadBlob(ecr, 'app', 'one more layer');
  const availability = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'app', layerDigests: [uploaded.digest, sha256('nope')] }));
  assert.deepEqual(availability.layers.map((l) => l.layerAvailability), ['AVAILABLE', 'UNAVAILABLE']);
});

test('registry settings, replication and pull through cache', async () => {
  const { account, ecr } = newAccount();
  await ecr.send(new PutAccountSettingCommand({ name: 'BLOB_MOUNTING', value: 'ENABLED' }));
  assert.equal((await ecr.send(new GetAccountSettingCommand({ name: 'BLOB_MOUNTING' }))).value, 'ENABLED');

  await ecr.send(new PutReplicationConfigurationCommand({ replicationConfiguration: {
    rules: [{ destinations: [{ region: 'eu-west-1', registryId: account }] }] } }));
  assert.equal((await ecr.send(new DescribeRegistryCommand({}))).replicationConfiguration.rules[0].destinations[0].region,
    'eu-west-1');
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'js/replicated' }));
  const imageManifest = await pushableManifest(ecr, 'js/replicated', 'replicated');
  await ecr.send(new PutImageCommand({ repositoryName: 'js/replicated', imageTag: '1.0', imageManifest }));
  const status = await ecr.send(new DescribeImageReplicationStatusCommand({ repositoryName: 'js/replicated',
    imageId: { imageTag: '1.0' } }));
  assert.deepEqual(status.replicationStatuses.map((s) => [s.region, s.status]), [['eu-west-1', 'COMPLETE']]);
  const europe = new ECRClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } });
  const copied = await europe.send(new BatchGetImageCommand({ repositoryName: 'js/replicated', imageIds: [{ imageTag: '1.0' }] }));
  assert.equal(copied.images[0].imageManifest, imageManifest);

  await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'js-public', upstreamRegistryUrl: 'public.ecr.aws' }));
  await assertServiceError(ecr.send(new BatchGetImageCommand({ repositoryName: 'js-public/nginx/nginx',
    imageIds: [{ imageTag: 'missing' }] })), 'UnableToGetUpstreamImageException', 400);
});
