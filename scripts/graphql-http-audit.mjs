// The graphql-http server audit (every MUST, SHOULD and MAY of GraphQL-over-HTTP) against a running API.
//   cd "$(mktemp -d)" && npm init -y && npm install graphql-http@1.23.1 graphql@16
//   TOKEN=<a dev token printed by `dotnet run --project api`> URL=http://localhost:5080/graphql node /path/to/scripts/graphql-http-audit.mjs
// Last run (29 Nov 2026, graphql-http 1.23.1): 61 of 61 audits ok. Exits 1 when any audit is not ok.
import { serverAudits } from 'graphql-http';
const token = process.env.TOKEN;
const url = process.env.URL ?? 'http://localhost:5080/graphql';
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('Authorization', 'Bearer ' + token);
  return fetch(input, { ...init, headers });
};
let failed = 0;
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  if (result.status !== 'ok') { failed++; console.log(result.status.toUpperCase(), audit.name, '-', result.reason); }
  else console.log('ok', audit.name);
}
console.log('not ok:', failed);
process.exit(failed === 0 ? 0 : 1);
