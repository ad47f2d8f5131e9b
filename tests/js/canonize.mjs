// Canonicalise N-Quads with rdf-canonize (the RDFC-1.0 implementation under
// @digitalbazaar/vc's eddsa-rdfc-2022 cryptosuite), so that the tests can
// compare its work limit with Insignia's.
//
// Input (stdin, JSON): {"datasets": [{"nquads": "<N-Quads>",
//                                     "maxDeepIterations": n}, ...]}
// ("maxDeepIterations" left out: the library's default, maxWorkFactor 1)
// Output (stdout, JSON): {"results": [{"canonical": "<N-Quads>"} or {"error": "..."}, ...]}
import {readFileSync} from 'node:fs';

import * as rdfCanonize from 'rdf-canonize';

const {datasets} = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for(const {nquads, maxDeepIterations} of datasets) {
  try {
    const canonical = await rdfCanonize.canonize(nquads, {
      algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads',
      format: 'application/n-quads', maxDeepIterations
    });
    results.push({canonical});
  } catch(e) {
    results.push({error: e.message});
  }
}
console.log(JSON.stringify({results}));
