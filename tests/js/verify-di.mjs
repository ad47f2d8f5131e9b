// Verify eddsa-rdfc-2022 Data Integrity credentials with Digital Bazaar's
// @digitalbazaar/vc, fully offline: an independent check of what Insignia issues.
//
// Input (stdin, JSON):
//   {"credential": {...}  or  "credentials": [{...}, ...],
//    "documents": {"<url>": <JSON-LD document>, ...},  // DID documents, extension contexts, status lists
//    "now": "2025-06-01T12:00:00Z"}
// Output (stdout, JSON): {"verified": bool, "errors": [string, ...]} for one
// credential, {"results": [{"verified", "errors"}, ...]} for a batch.
// Exit code 0 when all verified, 1 when not, 2 on bad input.
//
// The library and its canonicaliser (rdf-canonize) run with their default
// settings: in particular the RDFC-1.0 work limit (maxWorkFactor 1, so at
// most as many Hash N-Degree Quads calls as there are blank nodes sharing a
// first-degree hash) is not raised.
//
// Published contexts come from their npm packages, never from the input, so a
// credential cannot bring its own version of a standard context.
import {verifyCredential} from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

import {answer, dataIntegrityVerifier} from './di-common.mjs';

await answer(dataIntegrityVerifier({verifyCredential, DataIntegrityProof, cryptosuite}));
