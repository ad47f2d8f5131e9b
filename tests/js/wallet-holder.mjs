// A wallet's side of proving it holds a key, made with libraries we did not
// write: `jose` signs OID4VCI 1.0 key proofs (Appendix F.1, "jwt" proof
// type), Digital Bazaar's `@digitalbazaar/vc` signs DIDAuth presentations
// (eddsa-rdfc-2022 through @digitalbazaar/data-integrity, and
// Ed25519Signature2020, what the DCC Learner Credential Wallet signs with).
//
// One JSON object on stdin, one on stdout. Commands:
//   {"command": "key"}                        (add "curve": "P-256" for an ES256 key)
//     -> {"jwk": {private JWK}, "publicJwk", "didKey", "didKeyMethod",
//         "didJwk", "didJwkMethod"}
//   {"command": "proof-jwt", "jwk": {private JWK}, "aud", "nonce", "iat",
//    "binding": "did:key" | "did:jwk" | "jwk", "header": {...}, "claims": {...}}
//     -> {"jwt": "..."}   header/claims override or add members (null removes one);
//        "iat" defaults to now, "nonce" is left out when absent or null
//   {"command": "didauth", "jwk": {private JWK}, "challenge", "domain",
//    "suite": "eddsa-rdfc-2022" | "Ed25519Signature2020",
//    "did": "did:key" | "did:jwk", "model": "vc1.1" | "vc2.0", "holder"}
//     -> {"presentation": {...}}   "domain" is left out of the proof when
//        absent or null (as the Learner Credential Wallet's deep-link request does);
//        "holder" overrides the presentation's holder (for forgeries)
//   {"batch": [command, ...]} -> {"results": [answer, ...]}: one process, many answers
// Nothing here touches the network: contexts come from their npm packages.
import {readFileSync} from 'node:fs';

import * as jose from 'jose';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {Ed25519Signature2020, suiteContext as ed2020Context} from
  '@digitalbazaar/ed25519-signature-2020';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';

import {VC2_CONTEXTS} from './di-common.mjs';

const VC1_URL = 'https://www.w3.org/2018/credentials/v1';
const CONTEXTS = new Map([
  ...VC2_CONTEXTS,
  [VC1_URL, credentialsContexts.get(VC1_URL)],
  ...ed2020Context.contexts
]);
const ALGORITHMS = {Ed25519: 'EdDSA', 'P-256': 'ES256', 'P-384': 'ES384'};

function publicOf(jwk) {
  const {kty, crv, x, y} = jwk;
  return y === undefined ? {crv, kty, x} : {crv, kty, x, y};
}

// did:jwk Method Specification, "Create": base64url of the JWK's JSON.
function didJwkOf(jwk) {
  return 'did:jwk:' + Buffer.from(JSON.stringify(publicOf(jwk))).toString('base64url');
}

async function multikeyOf(jwk, {id, controller} = {}) {
  const maker = jwk.crv === 'Ed25519' ? Ed25519Multikey : EcdsaMultikey;
  return maker.fromJwk({jwk, secretKey: !!jwk.d, id, controller});
}

async function identities(jwk) {
  const multikey = await multikeyOf(jwk);
  const didKey = `did:key:${multikey.publicKeyMultibase}`;
  const didJwk = didJwkOf(jwk);
  return {
    didKey, didKeyMethod: `${didKey}#${multikey.publicKeyMultibase}`,
    didJwk, didJwkMethod: `${didJwk}#0`
  };
}

async function makeKey({curve = 'Ed25519'}) {
  const alg = ALGORITHMS[curve];
  const {privateKey} = await jose.generateKeyPair(alg, {crv: curve, extractable: true});
  const jwk = await jose.exportJWK(privateKey);
  return {jwk, publicJwk: publicOf(jwk), ...(await identities(jwk))};
}

function applied(base, overrides = {}) {
  const result = {...base};
  for(const [name, value] of Object.entries(overrides)) {
    if(value === null) {
      delete result[name];
    } else {
      result[name] = value;
    }
  }
  return result;
}

async function proofJwt({jwk, aud, nonce, iat, binding = 'did:key', header, claims}) {
  const ids = await identities(jwk);
  const key = binding === 'jwk' ? {jwk: publicOf(jwk)} :
    {kid: binding === 'did:jwk' ? ids.didJwkMethod : ids.didKeyMethod};
  const protectedHeader = applied(
    {alg: ALGORITHMS[jwk.crv], typ: 'openid4vci-proof+jwt', ...key}, header);
  const payload = applied({
    aud, iat: iat ?? Math.floor(Date.now() / 1000),
    ...(nonce == null ? {} : {nonce})
  }, claims);
  const signingKey = await jose.importJWK(jwk, ALGORITHMS[jwk.crv]);
  const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(protectedHeader)
    .sign(signingKey);
  return {jwt};
}

const documentLoader = async url => {
  const document = CONTEXTS.get(url);
  if(!document) {
    throw new Error(`Refusing to load "${url}": not shipped with the packages.`);
  }
  return {contextUrl: null, documentUrl: url, document};
};

async function didauth({
  jwk, challenge, domain, suite = 'Ed25519Signature2020', did = 'did:key',
  model = 'vc1.1', holder
}) {
  const ids = await identities(jwk);
  const [controller, id] = did === 'did:jwk' ?
    [ids.didJwk, ids.didJwkMethod] : [ids.didKey, ids.didKeyMethod];
  const keyPair = await multikeyOf(jwk, {id, controller});
  const signer = keyPair.signer();
  const signingSuite = suite === 'eddsa-rdfc-2022' ?
    new DataIntegrityProof({signer, cryptosuite: eddsaRdfc2022}) :
    new Ed25519Signature2020({signer});
  const presentation = vc.createPresentation({
    holder: controller, version: model === 'vc2.0' ? 2.0 : 1.0
  });
  const signed = await vc.signPresentation({
    presentation, suite: signingSuite, challenge, documentLoader,
    ...(domain == null ? {} : {domain})
  });
  if(holder !== undefined) {
    signed.holder = holder;
  }
  return {presentation: signed};
}

const COMMANDS = {key: makeKey, 'proof-jwt': proofJwt, didauth};

let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch(e) {
  console.log(JSON.stringify({error: `bad input: ${e}`}));
  process.exit(2);
}
async function run(request) {
  const command = COMMANDS[request.command];
  if(!command) {
    return {error: `unknown command ${request.command}`};
  }
  try {
    return await command(request);
  } catch(e) {
    return {error: String(e && e.stack || e)};
  }
}
const output = Array.isArray(input.batch) ?
  {results: await Promise.all(input.batch.map(run))} : await run(input);
console.log(JSON.stringify(output));
const failed = (output.results || [output]).some(answer => answer.error);
process.exit(failed ? 1 : 0);
