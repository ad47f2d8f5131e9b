// Verify eddsa-rdfc-2022 Data Integrity credentials with the Digital
// Credentials Consortium's @digitalcredentials/vc and
// @digitalcredentials/eddsa-rdfc-2022-cryptosuite (the pair that DCC's
// verifier-core and Learner Credential Wallet use), fully offline.
//
// Same input and output as verify-di.mjs; the libraries run with their
// default settings (rdf-canonize's maxWorkFactor 1 included).
import {verifyCredential} from '@digitalcredentials/vc';
import {DataIntegrityProof} from '@digitalcredentials/data-integrity';
import {cryptosuite} from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';

import {answer, dataIntegrityVerifier} from './di-common.mjs';

await answer(dataIntegrityVerifier({verifyCredential, DataIntegrityProof, cryptosuite}));
