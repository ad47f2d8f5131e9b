// What the Digital Bazaar verification scripts share: an offline document
// loader and a flat list of error messages from a verification result.
import multikey from '@digitalbazaar/multikey-context';

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
