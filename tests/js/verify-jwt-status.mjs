// Verify VC-JWTs with `jose` against a JWK Set, then check each one's
// Bitstring Status List entry: the list credential is verified with Digital
// Bazaar's @digitalbazaar/vc (eddsa-rdfc-2022) and the entry's bit read, as
// verify-di.mjs does for Data Integrity credentials. A batch, one Node
// process for all the tokens.
//
// Input (stdin, JSON): {"jwts": ["<compact JWS>", ...], "jwks": {"keys": [...]},
//                       "documents": {"<status list URL>": {...}, "<DID>": {...}},
//                       "now": "2025-06-01T12:00:00Z"}
// Output (stdout, JSON): {"results": [{"verified", "errors", "payload"}, ...]}
// Exit code 0 when all verified, 1 when not, 2 on bad input.
import {readFileSync} from 'node:fs';
import {createLocalJWKSet, jwtVerify} from 'jose';
import {verifyCredential} from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

import {VC2_CONTEXTS, loaderFor, statusChecker} from './di-common.mjs';

let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch(e) {
  console.log(JSON.stringify({results: [], errors: [`bad input: ${e}`]}));
  process.exit(2);
}
const {jwts, jwks, documents = {}, now} = input;
const documentLoader = loaderFor(VC2_CONTEXTS, documents);
const suite = new DataIntegrityProof({cryptosuite});
const checkStatus = statusChecker({verifyCredential, suite, documentLoader, now});
const keys = createLocalJWKSet(jwks);
const results = [];
for(const jwt of jwts) {
  let payload = null;
  const errors = [];
  try {
    ({payload} = await jwtVerify(jwt, keys, {
      algorithms: ['EdDSA', 'Ed25519'],
      typ: 'JWT',
      currentDate: now ? new Date(now) : undefined
    }));
    const vc = payload.vc || {};
    if(!vc.credentialStatus) {
      errors.push('no credentialStatus');
    } else {
      const status = await checkStatus({credential: vc});
      if(!status.verified) {
        errors.push(status.error.message || String(status.error));
      }
    }
  } catch(e) {
    errors.push(`${e.code || ''} ${e.message}`.trim());
  }
  results.push({verified: errors.length === 0, errors, payload});
}
console.log(JSON.stringify({results}));
process.exit(results.every(r => r.verified) ? 0 : 1);
