// Sign OB 3.0 credentials as other JOSE software would, with jose and FRESH
// keys on every run: VC 2.0 credentials secured with JOSE (VC-JOSE-COSE,
// section 3.1: the JWS payload is the credential, typ vc+jwt) and OB 3.0
// VC-JWTs (section 8.2: the credential in a "vc" claim), with EdDSA, ES256
// or ES384, issued by a did:key, a did:jwk or a did:web. One process signs
// every case of a test module.
//
// Input (stdin, JSON):
//   {"credential": {...unsigned; issuer.id is replaced...},
//    "webDid": "did:web:127.0.0.1%3A8443" | null,
//    "cases": [{"name", "form": "jose" | "vc-jwt", "alg": "EdDSA" | "ES256" | "ES384",
//               "did": "key" | "jwk" | "web", "typ"?: "vc+jwt" | "vc+ld+jwt",
//               "issHeader"?: bool, "issClaim"?: bool, "relativeKid"?: bool,
//               "multikey"?: bool (a did:web key published as a Multikey)}]}
// Output (stdout, JSON):
//   {"webDocument": {...the did:web DID document listing every did:web case's key...} | null,
//    "cases": {<name>: {"did", "kid", "token",
//              "kidOfAnother": token whose kid is a method of another DID,
//              "issDisagrees": token whose iss names another DID,
//              "signedByAnother": token with the issuer's kid, signed by another key}}}
import {readFileSync} from 'node:fs';

import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {CompactSign, SignJWT, base64url, exportJWK, generateKeyPair} from 'jose';

const CURVES = {EdDSA: 'Ed25519', ES256: 'P-256', ES384: 'P-384'};
const input = JSON.parse(readFileSync(0, 'utf8'));
const encoder = new TextEncoder();

async function freshKey(alg) {
  const options = alg === 'EdDSA' ? {crv: 'Ed25519', extractable: true} : {extractable: true};
  const {publicKey, privateKey} = await generateKeyPair(alg, options);
  const jwk = await exportJWK(publicKey);
  return {privateKey, jwk};
}

function didJwk(jwk) {
  return `did:jwk:${base64url.encode(JSON.stringify(jwk))}`;
}

// did:key: the Multikey's publicKeyMultibase (z6Mk... Ed25519, zDn... P-256,
// z82... P-384), encoded by Digital Bazaar's Multikey libraries.
async function didKey(jwk) {
  const Multikey = jwk.kty === 'OKP' ? Ed25519Multikey : EcdsaMultikey;
  const {publicKeyMultibase} = await Multikey.fromJwk({jwk});
  return {did: `did:key:${publicKeyMultibase}`, fragment: publicKeyMultibase};
}

function withIssuer(credential, did) {
  return {...credential, issuer: {...credential.issuer, id: did}};
}

async function sign(form, alg, kid, privateKey, credential, {typ, issHeader, iss, issClaim} = {}) {
  if(form === 'vc-jwt') {
    const jwt = new SignJWT({vc: credential})
      .setProtectedHeader({alg, typ: 'JWT', kid})
      .setIssuer(iss)
      .setJti(credential.id)
      .setNotBefore(Math.floor(Date.parse(credential.validFrom) / 1000))
      .setIssuedAt();
    if(credential.credentialSubject.id) {
      jwt.setSubject(credential.credentialSubject.id);  // OB 3.0, section 8.2.4
    }
    return jwt.sign(privateKey);
  }
  const header = {alg, typ: typ || 'vc+jwt', cty: 'vc', kid};
  if(issHeader) {
    header.iss = iss;
  }
  const payload = issClaim ? {...credential, iss, iat: Math.floor(Date.now() / 1000)} : credential;
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader(header)
    .sign(privateKey);
}

const webMethods = [];
const cases = {};
for(const [index, spec] of input.cases.entries()) {
  const {privateKey, jwk} = await freshKey(spec.alg);
  let did, kid;
  if(spec.did === 'key') {
    const {did: keyDid, fragment} = await didKey(jwk);
    did = keyDid;
    kid = `${did}#${fragment}`;
  } else if(spec.did === 'jwk') {
    did = didJwk(jwk);
    kid = `${did}#0`;
  } else {
    did = input.webDid;
    kid = `${did}#key-${index}`;
    webMethods.push(spec.multikey ?
      {id: kid, type: 'Multikey', controller: did,
        publicKeyMultibase: (await didKey(jwk)).fragment} :
      {id: kid, type: 'JsonWebKey', controller: did, publicKeyJwk: jwk});
  }
  if(spec.relativeKid) {
    kid = kid.slice(did.length);  // "#0": a DID URL relative to the issuer
  }
  const credential = withIssuer(input.credential, did);
  const options = {typ: spec.typ, issHeader: spec.issHeader, issClaim: spec.issClaim, iss: did};
  const token = await sign(spec.form, spec.alg, kid, privateKey, credential, options);

  // The variants a forger would try, each signed for real.
  const other = await freshKey(spec.alg);
  const otherDid = didJwk(other.jwk);
  const kidOfAnother = await sign(
    spec.form, spec.alg, `${otherDid}#0`, privateKey, credential, options);
  const issDisagrees = await sign(
    spec.form, spec.alg, kid, privateKey, credential,
    {...options, iss: otherDid, issHeader: spec.form === 'jose'});
  const signedByAnother = await sign(
    spec.form, spec.alg, kid, other.privateKey, credential, options);
  cases[spec.name] = {did, kid, token, kidOfAnother, issDisagrees, signedByAnother};
}

const webDocument = webMethods.length ? {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
  id: input.webDid,
  verificationMethod: webMethods,
  assertionMethod: webMethods.map(method => method.id)
} : null;
console.log(JSON.stringify({webDocument, cases}));
