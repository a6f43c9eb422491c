// Relevance: queries as a worried adult or a young person would type them, typos and all,
// each with the page that must be in the client's top three results on the example site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repo } from '../browser/harness.mjs';
import { build, engine } from './harness.mjs';

// Where more than one page answers a query well, any of them will do.
const signs = (category) => ['/signs/type/' + category + '/', ...['pre-birth', '0-2', '2-4', '5-11', '12-plus'].map((b) => `/signs/${b}/${category}/`)];
const NUTRITIONAL_SIGNS = signs('nutritional');
const SUPERVISION_SIGNS = signs('supervision');

const CASES = [
  // Young people, in their own words
  ['my mate never has lunch', '/signs/12-plus/nutritional/'],
  ['my friend is always hungry', NUTRITIONAL_SIGNS],
  ['friend always starving at school', NUTRITIONAL_SIGNS],
  ['my friend smells', '/signs/12-plus/physical/'],
  ['wears the same clothes every day', '/signs/12-plus/physical/'],
  ['home alone all the time', SUPERVISION_SIGNS],
  ['left alone to look after little brother', '/signs/5-11/supervision/'],
  ['my mum drinks', ['/directory/young-carers-service/', '/voices/#voice-looking-after-mum']],
  ['nobody cares about me', '/signs/12-plus/emotional/'],
  ['skipping school', '/signs/12-plus/educational/'],
  ['toothache nobody takes me to the dentist', '/signs/5-11/medical/'],
  ['how do i help a friend', '/young-people/helping-a-friend/'],
  ['who can i talk to', '/young-people/talking-to-an-adult/'],
  ['its happening to me', '/young-people/if-its-you/'],
  ['childline number', '/directory/childline/'],
  // Worried adults
  ['what is neglect', '/about-neglect/what-is-neglect/'],
  ['types of neglect', '/about-neglect/types-of-neglect/'],
  ['report a concern about a child', '/worried/report-a-concern/'],
  ['worried about a child next door', '/worried/what-to-do/'],
  ['signs of neglect in babies', '/signs/0-2/'],
  ['neglect before birth pregnancy', '/signs/pre-birth/medical/'],
  ['who is at risk', '/about-neglect/who-is-at-risk/'],
  ['food bank', '/directory/example-borough-food-bank/'],
  ['health visitor', '/directory/health-visiting-service/'],
  ['young carers support', '/directory/young-carers-service/'],
  ['parenting course', '/directory/positive-parenting-course/'],
  ['debt advice', '/directory/money-advice-service/'],
  ['domestic abuse help', '/directory/domestic-abuse-support-line/'],
  // Typos
  ['negelct', '/about-neglect/what-is-neglect/'],
  ['hungrey child', NUTRITIONAL_SIGNS],
  ['suport for familys', '/directory/family-information-service/'],
  ['accesibility statement', '/accessibility/'],
];

test(`${CASES.length} everyday queries find the right page in the top three`, async () => {
  const search = engine(build(repo));
  const misses = [];
  for (const [query, wanted] of CASES) {
    const urls = [wanted].flat();
    const { results } = await search.search(query, { limit: 3 });
    if (!results.some((r) => urls.includes(r.url))) misses.push(`"${query}": wanted ${urls.join(' or ')}, got ${results.map((r) => r.url).join(', ')}`);
  }
  assert.deepEqual(misses, []);
});
