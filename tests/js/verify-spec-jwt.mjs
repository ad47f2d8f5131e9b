// Verify a VC-JWT from the Open Badges 3.0 specification's examples with the
// `jose` library: an independent check of the examples that
// tests/credentials/test_spec_examples.py runs through Insignia's verifier.
//
// Unlike verify-jwt.mjs (Insignia's own EdDSA tokens), this one allows RS256,
// the algorithm OB 3.0, section 8.2.3, requires every implementation to
// support, and reads the VC Data Model 1.1 dates the examples use.
//
// Input (stdin, JSON): {"jwt": "<compact JWS>", "jwks": {"keys": [...]},
//                       "now": "2024-01-01T00:00:00Z"}
// `jwks` holds the keys the issuer publishes; the specification's examples
// publish theirs in the JOSE header's `jwk`.
// Output (stdout, JSON): {"verified": bool, "errors": [...], "header": {...}}
// Exit code 0 when verified, 1 when not, 2 on bad input.
import {readFileSync} from 'node:fs';
import {createLocalJWKSet, jwtVerify} from 'jose';

const seconds = dateTime => Math.floor(Date.parse(dateTime) / 1000);

async function main() {
  let input;
  try {
    input = JSON.parse(readFileSync(0, 'utf8'));
  } catch(e) {
    console.log(JSON.stringify({verified: false, errors: [`bad input: ${e}`]}));
    process.exit(2);
  }
  const {jwt, jwks, now} = input;
  try {
    const {payload, protectedHeader} = await jwtVerify(
      jwt, createLocalJWKSet(jwks), {
        algorithms: ['RS256'],
        typ: 'JWT',
        currentDate: now ? new Date(now) : undefined
      });
    const vc = payload.vc || {};
    const errors = [];
    // OB 3.0, section 8.2.6.1: the claims must match the credential.
    const issuer = typeof vc.issuer === 'string' ? vc.issuer : (vc.issuer || {}).id;
    if(payload.iss !== issuer) {
      errors.push('iss does not match vc.issuer.id');
    }
    if(payload.jti !== vc.id) {
      errors.push('jti does not match vc.id');
    }
    if(payload.sub !== (vc.credentialSubject || {}).id) {
      errors.push('sub does not match vc.credentialSubject.id');
    }
    if(payload.nbf !== seconds(vc.issuanceDate || vc.validFrom)) {
      errors.push('nbf does not match vc.issuanceDate');
    }
    const expires = vc.expirationDate || vc.validUntil;
    if(expires && payload.exp !== seconds(expires)) {
      errors.push('exp does not match vc.expirationDate');
    }
    const verified = errors.length === 0;
    console.log(JSON.stringify({verified, errors, header: protectedHeader}));
    process.exit(verified ? 0 : 1);
  } catch(e) {
    console.log(JSON.stringify({verified: false, errors: [`${e.code || ''} ${e.message}`.trim()]}));
    process.exit(1);
  }
}

await main();
