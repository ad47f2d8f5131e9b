// Verify a VC-JWT (Open Badges 3.0, section 8.2) with the `jose` library
// against a JWK Set: an independent check of what Insignia issues.
//
// Input (stdin, JSON): {"jwt": "<compact JWS>", "jwks": {"keys": [...]},
//                       "now": "2025-06-01T12:00:00Z"}
// Output (stdout, JSON): {"verified": bool, "errors": [...], "header": {...},
//                         "payload": {...}}
// Exit code 0 when verified, 1 when not, 2 on bad input.
import {readFileSync} from 'node:fs';
import {createLocalJWKSet, jwtVerify} from 'jose';

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
        algorithms: ['EdDSA', 'Ed25519'],
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
    if(payload.nbf !== Math.floor(Date.parse(vc.validFrom) / 1000)) {
      errors.push('nbf does not match vc.validFrom');
    }
    const verified = errors.length === 0;
    console.log(JSON.stringify({verified, errors, header: protectedHeader, payload}));
    process.exit(verified ? 0 : 1);
  } catch(e) {
    console.log(JSON.stringify({verified: false, errors: [`${e.code || ''} ${e.message}`.trim()]}));
    process.exit(1);
  }
}

await main();
