// Sign OB 3.0 credentials with the Data Integrity suites the field uses, as
// OTHER software does, each run with fresh keys:
//   ed25519-2020  @digitalbazaar/ed25519-signature-2020 with an
//                 @digitalbazaar/ed25519-verification-key-2020 key
//   ecdsa-p256    @digitalbazaar/data-integrity + ecdsa-rdfc-2019-cryptosuite,
//   ecdsa-p384    keys from @digitalbazaar/ecdsa-multikey
//   eddsa-jcs     @digitalbazaar/data-integrity + eddsa-jcs-2022-cryptosuite,
//                 keys from @digitalbazaar/ed25519-multikey
// Each signer has a did:key of its own key and a method on one shared did:web.
// The suites add their own context when the credential lacks it (jsonld-
// signatures' `addSuiteContext`), as they do for real issuers.
//
// Input (stdin, JSON):
//   {"credentials": {"vc1.1": {...}, "vc2.0": {...}}   unsigned, issuer.id replaced
//    "webDid": "did:web:127.0.0.1%3A4443",
//    "cases": [{"name", "signer", "model", "did"}, ...],
//    "sets": [{"name", "model", "did", "signers": [a, b]}, ...]}
//   A set is signed by its first signer as the issuer and by the second as a
//   co-signer with its own did:key (VC Data Integrity 1.0, 2.1.1 proof sets).
// Output (stdout, JSON):
//   {"webDocument": {...}, "dids": {signer: did:key}, "cases": {name: {...}}}
import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {createSignCryptosuite as eddsaJcs2022} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {Ed25519Signature2020, suiteContext as ed2020Context} from
  '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import multikey from '@digitalbazaar/multikey-context';

import {VC2_CONTEXTS} from './di-common.mjs';

const VC1_URL = 'https://www.w3.org/2018/credentials/v1';
const ED2020_URL = 'https://w3id.org/security/suites/ed25519-2020/v1';
const DI_URL = 'https://w3id.org/security/data-integrity/v2';
const CONTEXTS = new Map([
  ...VC2_CONTEXTS,
  [VC1_URL, credentialsContexts.get(VC1_URL)],
  ...ed2020Context.contexts
]);

const input = JSON.parse(readFileSync(0, 'utf8'));

// signer name -> async ({id, controller}) -> {suite(), method (public), fingerprint}
const MAKERS = {
  'ed25519-2020': async () => {
    const key = await Ed25519VerificationKey2020.generate();
    return {
      fingerprint: key.fingerprint(),
      bind(id, controller) {
        key.id = id;
        key.controller = controller;
        return {
          suite: () => new Ed25519Signature2020({key}),
          method: {...key.export({publicKey: true, includeContext: false}), id, controller}
        };
      }
    };
  },
  'ecdsa-p256': async () => ecdsaMaker('P-256'),
  'ecdsa-p384': async () => ecdsaMaker('P-384'),
  'eddsa-jcs': async () => {
    const keyPair = await Ed25519Multikey.generate();
    return multikeyMaker(keyPair, () => eddsaJcs2022());
  }
};

async function ecdsaMaker(curve) {
  const keyPair = await EcdsaMultikey.generate({curve});
  return multikeyMaker(keyPair, () => ecdsaRdfc2019);
}

function multikeyMaker(keyPair, cryptosuite) {
  return {
    fingerprint: keyPair.publicKeyMultibase,
    bind(id, controller) {
      keyPair.id = id;
      keyPair.controller = controller;
      const signer = keyPair.signer();
      return {
        suite: () => new DataIntegrityProof({signer, cryptosuite: cryptosuite()}),
        method: {
          id, type: 'Multikey', controller,
          publicKeyMultibase: keyPair.publicKeyMultibase
        }
      };
    }
  };
}

// One key per signer for its did:key, and one per signer on the did:web.
const signers = {};
const dids = {};
const webMethods = [];
for(const name of Object.keys(MAKERS)) {
  const own = await MAKERS[name]();
  const did = `did:key:${own.fingerprint}`;
  dids[name] = did;
  const web = await MAKERS[name]();
  signers[name] = {
    key: own.bind(`${did}#${own.fingerprint}`, did),
    web: web.bind(`${input.webDid}#${name}`, input.webDid)
  };
  webMethods.push(signers[name].web.method);
}
const webDocument = {
  '@context': [
    'https://www.w3.org/ns/did/v1',
    multikey.CONTEXT_URL,
    ED2020_URL
  ],
  id: input.webDid,
  verificationMethod: webMethods,
  assertionMethod: webMethods.map(m => m.id)
};

const methods = new Map();
for(const {key, web} of Object.values(signers)) {
  methods.set(key.method.id, key.method);
  methods.set(web.method.id, web.method);
}
const documentLoader = async url => {
  const document = CONTEXTS.get(url) || methods.get(url);
  if(!document) {
    throw new Error(`Refusing to load "${url}".`);
  }
  return {contextUrl: null, documentUrl: url, document};
};

function issuerOf(signer, didMethod) {
  return didMethod === 'web' ?
    {did: input.webDid, ...signers[signer].web} :
    {did: dids[signer], ...signers[signer].key};
}

async function sign(credential, {suite}) {
  return vc.issue({credential, suite: suite(), documentLoader});
}

function unsigned(model, did) {
  const credential = structuredClone(input.credentials[model]);
  credential.issuer = {...credential.issuer, id: did};
  return credential;
}

const cases = {};
for(const {name, signer, model, did} of input.cases || []) {
  const issuer = issuerOf(signer, did);
  cases[name] = await sign(unsigned(model, issuer.did), issuer);
}
for(const {name, model, did, signers: [first, second]} of input.sets || []) {
  const issuer = issuerOf(first, did);
  // Every suite's context is there before the first proof: a suite that
  // added its own later would change what the first proof signed.
  const credential = unsigned(model, issuer.did);
  for(const signer of [first, second]) {
    const needed = signer === 'ed25519-2020' ? ED2020_URL :
      (model === 'vc1.1' ? DI_URL : null);
    if(needed && !credential['@context'].includes(needed)) {
      credential['@context'].push(needed);
    }
  }
  const once = await sign(credential, issuer);
  // A second proof by a co-signer: jsonld-signatures adds it beside the first.
  cases[name] = await sign(once, signers[second].key);
}

console.log(JSON.stringify({webDocument, dids, cases}));
